/** Sorted copy of a map. */
export function sortedMap<T>(map: { [key: string]: T }): { [key: string]: T } {
  const out: { [key: string]: T } = {};
  for (const key of Object.keys(map).sort()) {
    // defineProperty keeps keys such as "__proto__" as plain data (so validation can reject them)
    Object.defineProperty(out, key, { value: map[key], enumerable: true, writable: true, configurable: true });
  }
  return out;
}
