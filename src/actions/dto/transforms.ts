/** class-transformer helpers shared by the action DTOs. */

export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** `?status=a&status=b` and `?status=a,b` both become ['a', 'b']; anything else is left for the validators. */
export const toList = ({ value }: { value: unknown }): unknown => {
  if (value === undefined || value === null || value === '') return undefined;
  const items: unknown[] = Array.isArray(value) ? (value as unknown[]) : [value];
  return items.flatMap((v): unknown[] => (typeof v === 'string' ? v.split(',').map((p) => p.trim()).filter((p) => p !== '') : [v]));
};
