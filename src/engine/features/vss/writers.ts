// The VSS writers a guest has (vss.md rule 2): the in-box ones every Windows guest runs, the 2008+
// extras, and one per application, each hosted by a service. Names and ids as vssadmin prints them.
// `level` is the writer's VSS_APPLICATION_LEVEL, which sets the freeze order (rule 3): front-end
// writers first, then back-end, then system. SharePoint coordinates SQL databases, so it is the
// front-end; the Jet and SQL databases are back-ends; the OS writers are system (inferred).
export type WriterLevel = 'front-end' | 'back-end' | 'system';
export interface WriterInfo { name: string; id: string; service: string; level: WriterLevel; app?: string; since2008?: boolean }

export const WRITER_CATALOG: WriterInfo[] = [
  { name: 'System Writer', id: '{e8132975-6f93-4464-a53e-1050253ae220}', service: 'CryptSvc', level: 'system' },
  { name: 'Registry Writer', id: '{afbab4a2-367d-4d15-a586-71dbb18f8485}', service: 'VSS', level: 'system' },
  { name: 'COM+ REGDB Writer', id: '{542da469-d3e1-473c-9f4f-7847f01fc64f}', service: 'VSS', level: 'system' },
  { name: 'WMI Writer', id: '{a6ad56c2-b509-4e6c-bb19-49d8f43532f0}', service: 'Winmgmt', level: 'system' },
  { name: 'ASR Writer', id: '{be000cbe-11fe-4426-9c58-531aa6355fc4}', service: 'VSS', level: 'system', since2008: true },
  { name: 'Shadow Copy Optimization Writer', id: '{4dc3bdd4-ab48-4d07-adb0-3bee2926fd7f}', service: 'VSS', level: 'system', since2008: true },
  { name: 'Microsoft Exchange Writer', id: '{76fe1ac4-15f7-4bcd-987e-8e1acb462fb7}', service: 'MSExchangeIS', level: 'back-end', app: 'exchange' },
  { name: 'SqlServerWriter', id: '{a65faa63-5ea8-4ebc-9dbd-a0c4db26912a}', service: 'SQLWriter', level: 'back-end', app: 'sql' },
  { name: 'SharePoint Services Writer', id: '{da452614-4858-5e53-a512-38aab25c61ad}', service: 'SPWriter', level: 'front-end', app: 'sharepoint' },
  { name: 'NTDS', id: '{b2014c9e-8711-4c5c-a5a9-3cf384484757}', service: 'NTDS', level: 'back-end', app: 'ad' },
  { name: 'BITS Writer', id: '{4969d978-be47-48b0-b100-f328f07ac1e0}', service: 'BITS', level: 'back-end', app: 'bits' },
  { name: 'Dhcp Jet Writer', id: '{be9ac81e-3619-421f-920f-4c6fea9e93ad}', service: 'DHCPServer', level: 'back-end', app: 'dhcp' },
  { name: 'WINS Jet Writer', id: '{f08c1483-8407-4a26-8c26-6c267a629741}', service: 'WINS', level: 'back-end', app: 'wins' },
];

export const FREEZE_ORDER: WriterLevel[] = ['front-end', 'back-end', 'system'];

export function writerInfo(name: string): WriterInfo | undefined {
  return WRITER_CATALOG.find((w) => w.name === name);
}

/**
 * Freeze to thaw per writer (rule 9): 60 s by default, 20 s for the Exchange writer (Veeam KB 1377).
 * No source gives NTDS a shorter window, so it has the default.
 */
export function freezeWindowMs(name: string): number {
  return name === 'Microsoft Exchange Writer' ? 20_000 : 60_000;
}
