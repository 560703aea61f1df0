const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID in its usual text form (any case): ids from paths, query strings, forms and the command line. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
