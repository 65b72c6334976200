// docs/host-versions.md's tables, made from HOST_CHANGES (the engine's own table): one row per host
// version with what it does, and one row per change with its source. hostVersions.test.ts checks that
// the page holds exactly this text.
import { HOST_CHANGES, HOST_VERSIONS, hostAtLeast, type HostFeature, type HostVersion } from './hostVersions';

const change = (f: HostFeature) => HOST_CHANGES.find((c) => c.feature === f)!;
const has = (v: HostVersion, f: HostFeature) => hostAtLeast(v, change(f).since);

function row(v: HostVersion): string[] {
  const delta = has(v, 'seSparseVmfs6') ? 'vmfsSparse; SEsparse on VMFS6 and for 2 TB+ disks'
    : has(v, 'seSparseLargeDisks') ? 'vmfsSparse; SEsparse for 2 TB+ disks' : 'vmfsSparse';
  return [
    v, delta,
    has(v, 'mirrorConsolidation') ? 'mirror driver, one pass' : 'Consolidate Helper passes, last one stunned',
    has(v, 'consolidateCommand') ? 'yes' : 'no (orphaned deltas)',
    has(v, 'deleteAllNearestFirst') ? 'nearest first' : 'farthest first',
    has(v, 'vssQuiescing') ? (has(v, 'win2008AppQuiescing') ? 'VSS; 2008+ application consistent' : 'VSS; 2008+ file-system only') : 'sync driver only',
    has(v, 'diskEnableUuidDefault') ? 'TRUE' : 'FALSE',
    has(v, 'separateVmem') ? '.vmem' : 'in the .vmsn',
    has(v, 'lazyCheckpoint') ? 'lazy checkpoint' : 'stunned',
    has(v, 'vssBackupType') ? 'chosen per snapshot' : 'always COPY',
  ];
}

const table = (head: string[], rows: string[][]) =>
  [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');

export function hostVersionsMarkdown(): string {
  const byVersion = table(
    ['host', 'default delta format', 'merging a running VM', 'Consolidate', 'Delete All', 'Windows quiescing', 'disk.EnableUUID of a new VM', 'memory of a snapshot', 'memory snapshot', 'VSS backup type'],
    HOST_VERSIONS.map(row),
  );
  const sources = table(['since', 'what', 'before', 'from then on', 'source'],
    HOST_CHANGES.map((c) => [c.since, c.what, c.before, c.after, c.source]));
  return `${byVersion}\n\n${sources}\n`;
}
