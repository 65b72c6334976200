// GUIDs for volumes, shadow copies and writer instances. Derived from names by hashing (not from the
// lab's random numbers), so adding one never shifts the random sequence the workloads draw from.
export function stableGuid(...parts: (string | number)[]): string {
  const text = parts.join('|');
  const words = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b].map((seed) => {
    let h = seed >>> 0;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
    h ^= h >>> 15; h = Math.imul(h, 0x2c1b3c6d) >>> 0; h ^= h >>> 12;
    return (h >>> 0).toString(16).padStart(8, '0');
  });
  const [a, b, c, d] = words;
  return `{${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}}`;
}

/** The id of a VM a restore registers, from the name it is given ("EXCH01-restored" -> "exch01-restored"). */
export function vmIdFromName(name: string, fallback: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || fallback;
}
