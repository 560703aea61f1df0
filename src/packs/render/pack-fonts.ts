import { existsSync } from 'node:fs';

/**
 * The TrueType fonts the packs embed. Accessible PDFs (PDF/UA) need embedded fonts (PDFKit's built-in Helvetica
 * is not embedded), and resvg needs real font files to draw chart labels into PNGs. DejaVu Sans
 * comes from Debian's fonts-dejavu-core (also Alpine's font-dejavu, Fedora's dejavu-sans-fonts).
 */
export interface PackFontFiles {
  regular: string;
  bold: string;
}

const CANDIDATES: readonly PackFontFiles[] = [
  { regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf' },
  { regular: '/usr/share/fonts/dejavu/DejaVuSans.ttf', bold: '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf' },
  { regular: '/usr/share/fonts/TTF/DejaVuSans.ttf', bold: '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf' },
  { regular: '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf', bold: '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf' },
];

/** The family name inside those files, for SVG text and resvg. */
export const PACK_FONT_FAMILY = 'DejaVu Sans';

export class PackFontsMissingError extends Error {
  constructor(tried: readonly string[]) {
    super(
      `No TrueType font for progress packs: tried ${tried.join(', ')}. ` +
        'Install Debian package fonts-dejavu-core (apt-get install -y fonts-dejavu-core) or pass font paths.',
    );
    this.name = 'PackFontsMissingError';
  }
}

/** The given font paths, or the first installed DejaVu Sans pair. */
export function resolvePackFonts(given?: Partial<PackFontFiles>): PackFontFiles {
  if (given?.regular && given.bold) {
    for (const path of [given.regular, given.bold]) if (!existsSync(path)) throw new PackFontsMissingError([path]);
    return { regular: given.regular, bold: given.bold };
  }
  const found = CANDIDATES.find((c) => existsSync(c.regular) && existsSync(c.bold));
  if (!found) throw new PackFontsMissingError(CANDIDATES.map((c) => c.regular));
  return found;
}
