// The VSS writers a guest has (vss.md rule 2): the in-box ones every Windows guest runs, the 2008+
// extras, and one per application, each hosted by a service. Names and ids as vssadmin prints them.
export interface WriterInfo { name: string; id: string; service: string; app?: string; since2008?: boolean }

export const WRITER_CATALOG: WriterInfo[] = [
  { name: 'System Writer', id: '{e8132975-6f93-4464-a53e-1050253ae220}', service: 'CryptSvc' },
  { name: 'Registry Writer', id: '{afbab4a2-367d-4d15-a586-71dbb18f8485}', service: 'VSS' },
  { name: 'COM+ REGDB Writer', id: '{542da469-d3e1-473c-9f4f-7847f01fc64f}', service: 'VSS' },
  { name: 'WMI Writer', id: '{a6ad56c2-b509-4e6c-bb19-49d8f43532f0}', service: 'Winmgmt' },
  { name: 'ASR Writer', id: '{be000cbe-11fe-4426-9c58-531aa6355fc4}', service: 'VSS', since2008: true },
  { name: 'Shadow Copy Optimization Writer', id: '{4dc3bdd4-ab48-4d07-adb0-3bee2926fd7f}', service: 'VSS', since2008: true },
  { name: 'Microsoft Exchange Writer', id: '{76fe1ac4-15f7-4bcd-987e-8e1acb462fb7}', service: 'MSExchangeIS', app: 'exchange' },
  { name: 'SqlServerWriter', id: '{a65faa63-5ea8-4ebc-9dbd-a0c4db26912a}', service: 'SQLWriter', app: 'sql' },
  { name: 'SharePoint Services Writer', id: '{da452614-4858-5e53-a512-38aab25c61ad}', service: 'SPWriter', app: 'sharepoint' },
  { name: 'NTDS', id: '{b2014c9e-8711-4c5c-a5a9-3cf384484757}', service: 'NTDS', app: 'ad' },
  { name: 'BITS Writer', id: '{4969d978-be47-48b0-b100-f328f07ac1e0}', service: 'BITS', app: 'bits' },
  { name: 'Dhcp Jet Writer', id: '{be9ac81e-3619-421f-920f-4c6fea9e93ad}', service: 'DHCPServer', app: 'dhcp' },
  { name: 'WINS Jet Writer', id: '{f08c1483-8407-4a26-8c26-6c267a629741}', service: 'WINS', app: 'wins' },
];
