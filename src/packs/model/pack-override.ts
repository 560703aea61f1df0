import { formatLongDate } from '../../common/dates/calendar-date';
import type { OverrideView } from './pack-model';
import type { PackSourceOverride } from './pack-source';
import { colourLabel, joinClauses } from './pack-text';

/** Policy reasons are phrases ('overdue by 3 days'); packs print them as sentences. */
const capitalise = (text: string) => (text.length === 0 ? text : text[0].toUpperCase() + text.slice(1));

/**
 * An override never hides the rules' answer: wherever an overridden colour is printed, the colour
 * the rules gave and their reasons are printed beside it, with who set the override, when and until
 * when (its reason is already the colour's reason). Board packs name the person and their role;
 * scrutiny packs, which are published, give the role only.
 */
export function overrideView(override: PackSourceOverride, scrutiny: boolean, redact: (text: string) => string): OverrideView {
  const computedReasons = override.computedReasons.map((r) => capitalise(redact(r)));
  const setBy = scrutiny ? `the ${override.setByRole}` : `${override.setByName}, ${override.setByRole}`;
  const setOnLabel = formatLongDate(override.setOn);
  const expiresOnLabel = formatLongDate(override.expiresOn);
  // Phrases, like the policy's reasons: the tables join them with "; " (and lower-case each after the first).
  const rules = `The rules give ${colourLabel(override.computedColour)}${computedReasons.length > 0 ? `: ${joinClauses(computedReasons)}` : ''}`;
  const who = `Override set by ${setBy}${scrutiny ? '' : ','} on ${setOnLabel}, until ${expiresOnLabel}`;
  return {
    computedColour: override.computedColour,
    computedColourLabel: colourLabel(override.computedColour),
    computedReasons,
    setBy,
    setOn: override.setOn,
    setOnLabel,
    expiresOn: override.expiresOn,
    expiresOnLabel,
    lines: [rules, who],
  };
}
