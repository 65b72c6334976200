// ESX/ESXi host versions a lab may name (contract section 1), oldest first: the one list the lab
// definition, the commands and every version check use. A version outside it is a schema error where
// it enters (lab definition, host.configure, a lesson's check), never guessed at later.
export const HOST_VERSIONS = [
  '3.5', '3.5u2', '4.0', '4.0u2', '4.1', '5.0', '5.1', '5.5', '6.0', '6.5', '6.7', '7.0',
] as const;

export type HostVersion = (typeof HOST_VERSIONS)[number];

export function isHostVersion(v: string): v is HostVersion {
  return (HOST_VERSIONS as readonly string[]).includes(v);
}

function rank(v: string): number {
  const i = (HOST_VERSIONS as readonly string[]).indexOf(v);
  if (i < 0) throw new RangeError(`unknown host version "${v}"; expected one of ${HOST_VERSIONS.join(', ')}`);
  return i;
}

/** Is host version `version` the same as or later than `min`? An unknown version throws. */
export function hostAtLeast(version: HostVersion, min: HostVersion): boolean {
  return rank(version) >= rank(min);
}
