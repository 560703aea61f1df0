import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type GetTarget = Storage['getTargetValidationMetadatas'];

const patched = new WeakSet<Storage>();

/**
 * Remembers class-validator's answer to "which rules apply to this class" per class (and options).
 * class-validator works it out again on every validation, walking every class that has rules to
 * find the parents (`instanceof`): a few per cent of the API's CPU time on a list with a query
 * DTO (bench/api-overhead.bench.ts). The rules are declared by decorators when the classes load,
 * so the answer only changes when a rule is added: adding one (or a schema) empties the cache.
 * Calls with groups or a schema are not cached (the app uses neither). Idempotent.
 */
export function cacheValidationMetadata(storage: Storage = getMetadataStorage()): void {
  if (patched.has(storage)) return;
  patched.add(storage);
  const uncached: GetTarget = storage.getTargetValidationMetadatas.bind(storage);
  const cache = new Map<string, ReturnType<GetTarget>>();
  const keys = new WeakMap<object, number>();
  let nextKey = 0;
  const keyOf = (target: object) => {
    let key = keys.get(target);
    if (key === undefined) keys.set(target, (key = nextKey++));
    return key;
  };
  storage.getTargetValidationMetadatas = (targetConstructor, targetSchema, always, strictGroups, groups) => {
    if (targetSchema || (groups && groups.length > 0)) return uncached(targetConstructor, targetSchema, always, strictGroups, groups);
    const key = `${keyOf(targetConstructor)}:${always ? 1 : 0}:${strictGroups ? 1 : 0}`;
    let found = cache.get(key);
    if (!found) cache.set(key, (found = uncached(targetConstructor, targetSchema, always, strictGroups, groups)));
    return found;
  };
  const addValidationMetadata = storage.addValidationMetadata.bind(storage);
  storage.addValidationMetadata = (metadata) => {
    cache.clear();
    addValidationMetadata(metadata);
  };
  const addValidationSchema = storage.addValidationSchema.bind(storage);
  storage.addValidationSchema = (schema) => {
    cache.clear();
    addValidationSchema(schema);
  };
}
