import type { PackAudience } from '../vocabulary/pack-audience';
import type { PackFormat } from '../vocabulary/pack-format';

/**
 * The download name: `<plan title, slugged>-<audience>-pack-<asOf>.<ext>`. Every part is reduced to
 * lower-case letters, digits and hyphens, so the name is safe inside a quoted Content-Disposition
 * filename on every browser and file system (no quotes, slashes, dots or control characters).
 */
export function packFileName(planName: string, audience: PackAudience, asOf: string, format: PackFormat): string {
  return `${safePart(planName, 80) || 'plan'}-${safePart(audience, 20)}-pack-${safePart(asOf, 10)}.${safePart(format, 10)}`;
}

export function attachmentDisposition(fileName: string): string {
  return `attachment; filename="${fileName}"`;
}

function safePart(value: string, max: number): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}
