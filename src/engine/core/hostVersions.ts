// ESX/ESXi host versions a lab may name (docs/lab-definition.md), oldest first: the one list the lab
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

/**
 * What changed with the host version: one row per change, read by the engine (hostHas) and turned into
 * docs/host-versions.md (hostVersionsDoc.ts), so the page and the behaviour cannot disagree.
 */
export interface HostChange {
  feature: HostFeature;
  /** The first version with the new behaviour. */
  since: HostVersion;
  what: string;
  before: string;
  after: string;
  source: string;
}

export type HostFeature =
  | 'lazyCheckpoint' | 'vssQuiescing' | 'deleteAllNearestFirst' | 'win2008AppQuiescing' | 'diskEnableUuidDefault'
  | 'consolidateCommand' | 'seSparseLargeDisks' | 'mirrorConsolidation' | 'separateVmem' | 'vssBackupType' | 'seSparseVmfs6' | 'vmGenerationId';

export const HOST_CHANGES: readonly HostChange[] = [
  { feature: 'lazyCheckpoint', since: '3.5', what: 'Memory snapshot of a running VM', before: '-',
    after: 'lazy checkpointing: the VM keeps running, slowed, while its memory is written; a short stun at the start and at the end',
    source: 'Broadcom KB 76687 (it names no first version: the lab uses it on every host, inferred)' },
  { feature: 'vssQuiescing', since: '3.5u2', what: 'Quiescing a Windows guest', before: 'the sync driver (LGTO_SYNC) only',
    after: 'VSS, VMware Tools as the requestor (Tools build 110268 or later with its VSS component)',
    source: 'VMware Partner Exchange 2010, session TECHBC0320 ("ESX 3.5 Update 2 is required for VSS support")' },
  { feature: 'deleteAllNearestFirst', since: '4.0u2', what: 'Delete All merge order', before: 'farthest delta first: every delta below grows',
    after: 'the delta nearest the base first', source: 'ESX 4.0 Update 2 release notes; yellow-bricks.com' },
  { feature: 'win2008AppQuiescing', since: '4.1', what: 'Windows 2008 and later', before: 'file-system consistent only (VSS without writers)',
    after: 'application consistent with disk.EnableUUID=TRUE, SCSI disks with a free slot each, no dynamic disks',
    source: 'VDDK programming guide, quiescing table' },
  { feature: 'diskEnableUuidDefault', since: '4.1', what: 'disk.EnableUUID of a new VM', before: 'FALSE', after: 'TRUE',
    source: 'VDDK programming guide ("enabled by default for virtual machines created on 4.1 or later")' },
  { feature: 'consolidateCommand', since: '5.0', what: 'A merge that failed', before: 'orphaned deltas, seen only in the datastore browser',
    after: '"Virtual machine disks consolidation is needed" and Consolidate', source: 'vSphere API 5.0 (ConsolidateVMDisks_Task)' },
  { feature: 'seSparseLargeDisks', since: '5.5', what: 'Delta format of a disk of 2 TB or more (VMFS5, NFS)', before: 'vmfsSparse',
    after: 'SEsparse', source: 'vSphere Storage guide' },
  { feature: 'mirrorConsolidation', since: '6.0', what: 'Merging a running VM\'s delta',
    before: 'a "Consolidate Helper" delta takes the writes; passes repeat until the helper copies within 12 s, then a stunned pass',
    after: 'the mirror driver: about one pass and a short stun',
    source: 'Broadcom KB 337175; Cormac Hogan, "Snapshot consolidation changes in vSphere 6.0"' },
  { feature: 'vmGenerationId', since: '5.1', what: 'VM-Generation ID (a Windows Server 2012 guest sees a snapshot revert or a restore)',
    before: 'none: a domain controller cannot tell that its disks went back in time',
    after: 'the host changes the VM-Generation ID when a snapshot is applied; a Windows Server 2012 or later domain controller resets its invocation ID',
    source: 'ESXi 5.0 Update 2 (December 2012) first exposed it (Sander Berkouwer, "Active Directory Virtualization Safeguards with VM-GenerationID on VMware vSphere", dirteam.com); the lab\'s version list has no 5.0 Update 2, so 5.1 is the first listed version with it; Microsoft, "Virtual machine generation identifier" (guests: Windows Server 2012 and later)' },
  { feature: 'separateVmem', since: '6.0', what: 'Where a memory snapshot keeps the memory', before: 'inside the .vmsn',
    after: 'a separate -Snapshot<N>.vmem', source: 'vSphere API (FileLayoutEx)' },
  { feature: 'vssBackupType', since: '6.5', what: 'VSS backup type of a quiesced snapshot', before: 'always COPY',
    after: 'chosen per snapshot (WindowsQuiesceSpec vssBackupType, vssBackupContext)', source: 'vSphere API 6.5 (WindowsQuiesceSpec)' },
  { feature: 'seSparseVmfs6', since: '6.5', what: 'Delta format on VMFS6', before: '-', after: 'SEsparse for every delta',
    source: 'vSphere Storage guide' },
];

/** Does a host of `version` have the behaviour `feature` brought (HOST_CHANGES)? */
export function hostHas(version: HostVersion, feature: HostFeature): boolean {
  const change = HOST_CHANGES.find((c) => c.feature === feature);
  if (!change) throw new RangeError(`unknown host feature "${feature}"`);
  return hostAtLeast(version, change.since);
}
