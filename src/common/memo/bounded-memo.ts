/**
 * `compute` with its result remembered per key, for hot code that meets the same few thousand keys
 * again and again (dates, references). At `max` keys everything remembered is forgotten at once:
 * the cap only bounds memory against unusual input. `compute` must be pure and never return
 * undefined; what it returns is shared between callers, so they must only read it.
 */
export function boundedMemo<K, V>(compute: (key: K) => V, max: number): (key: K) => V {
  const known = new Map<K, V>();
  return (key) => {
    let value = known.get(key);
    if (value === undefined) {
      value = compute(key);
      if (known.size >= max) known.clear();
      known.set(key, value);
    }
    return value;
  };
}
