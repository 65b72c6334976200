// The VM settings form: its fields from the VM's state, and the vm.configure command for what changed.
import type { VmView } from '../../engine/core/view';

/** tools.conf keys VMware Tools reads for quiescing, each shown as its own control (unset, true, false). */
export const TOOLS_CONF_FLAGS = [
  { key: 'vss.disableAppQuiescing', help: 'true: VSS without application writers (file-system consistent)' },
  { key: 'forceQuiesce', help: 'true: no fallback; a quiesce that cannot use VSS fails' },
  { key: 'enableSyncDriver', help: 'false: no sync driver fallback' },
  { key: 'enableVSS', help: 'false: never use VSS' },
  { key: 'execScripts', help: 'false: the pre-freeze and post-thaw scripts do not run' },
] as const;
export type FlagValue = '' | 'true' | 'false';
const FLAG_KEYS: ReadonlySet<string> = new Set(TOOLS_CONF_FLAGS.map((f) => f.key));

export interface ConfRow { key: string; value: string }
export interface SettingsFields {
  toolsStatus: VmView['tools']['status'];
  toolsBuild: string;
  toolsVss: boolean;
  vssService: VmView['vssService'];
  diskEnableUUID: boolean;
  ctkEnabled: boolean;
  /** The known tools.conf flags: '' when the key is not in tools.conf. */
  flags: Record<string, FlagValue>;
  /** Any other tools.conf keys, as text. */
  toolsConf: ConfRow[];
  /** Exit codes as text: '' for no script. */
  preFreeze: string;
  postThaw: string;
}

/** As VMware Tools reads a flag: true, 1, yes or on (any case) are true. */
function flagOf(v: VmView['toolsConf'][string] | undefined): FlagValue {
  if (v === undefined) return '';
  const on = typeof v === 'boolean' ? v : typeof v === 'number' ? v !== 0 : /^(true|1|yes|on)$/i.test(v.trim());
  return on ? 'true' : 'false';
}

export function fieldsOf(vm: VmView): SettingsFields {
  return {
    toolsStatus: vm.tools.status,
    toolsBuild: String(vm.tools.build),
    toolsVss: vm.tools.vss,
    vssService: vm.vssService,
    diskEnableUUID: vm.diskEnableUUID,
    ctkEnabled: vm.ctkEnabled,
    flags: Object.fromEntries(TOOLS_CONF_FLAGS.map(({ key }) => [key, flagOf(vm.toolsConf[key])])),
    toolsConf: Object.entries(vm.toolsConf).filter(([key]) => !FLAG_KEYS.has(key)).map(([key, value]) => ({ key, value: String(value) })),
    preFreeze: vm.scripts.preFreeze === null ? '' : String(vm.scripts.preFreeze),
    postThaw: vm.scripts.postThaw === null ? '' : String(vm.scripts.postThaw),
  };
}

/** tools.conf values are text; "true"/"false" and numbers are sent as such. */
export function parseSetting(text: string): string | number | boolean {
  const t = text.trim();
  if (t === 'true' || t === 'false') return t === 'true';
  if (t !== '' && Number.isFinite(Number(t))) return Number(t);
  return t;
}

/** A script field's exit code: null for none (empty), undefined when the text is not a whole number. */
export function exitCodeOf(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  return /^-?\d+$/.test(t) ? Number(t) : undefined;
}

/** The fields of vm.configure that differ from the VM; removed tools.conf keys are sent as null. */
export function configureChanges(vm: VmView, f: SettingsFields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const tools: Record<string, unknown> = {};
  if (f.toolsStatus !== vm.tools.status) tools.status = f.toolsStatus;
  if (Number(f.toolsBuild) !== vm.tools.build) tools.build = Number(f.toolsBuild);
  if (f.toolsVss !== vm.tools.vss) tools.vss = f.toolsVss;
  if (Object.keys(tools).length) out.tools = tools;
  if (f.vssService !== vm.vssService) out.vssService = f.vssService;
  if (f.diskEnableUUID !== vm.diskEnableUUID) out.diskEnableUUID = f.diskEnableUUID;
  if (f.ctkEnabled !== vm.ctkEnabled) out.ctkEnabled = f.ctkEnabled;
  const conf: Record<string, unknown> = {};
  const kept = new Set<string>();
  for (const { key } of TOOLS_CONF_FLAGS) {
    const want = f.flags[key] ?? '';
    if (want) kept.add(key);
    if (want !== flagOf(vm.toolsConf[key])) conf[key] = want === '' ? null : want === 'true';
  }
  for (const row of f.toolsConf) {
    const key = row.key.trim();
    if (!key || FLAG_KEYS.has(key)) continue;
    kept.add(key);
    const value = parseSetting(row.value);
    if (vm.toolsConf[key] !== value) conf[key] = value;
  }
  for (const key of Object.keys(vm.toolsConf)) if (!kept.has(key) && !(key in conf)) conf[key] = null;
  if (Object.keys(conf).length) out.toolsConf = conf;
  const scripts: Record<string, number | null> = {};
  for (const k of ['preFreeze', 'postThaw'] as const) {
    const code = exitCodeOf(f[k]);
    if (code !== undefined && code !== vm.scripts[k]) scripts[k] = code;
  }
  if (Object.keys(scripts).length) out.scripts = scripts;
  return out;
}

/** The form's problems a person must fix before OK (the engine would refuse them). */
export function settingsProblems(f: SettingsFields): string[] {
  const out: string[] = [];
  if (!/^\d+$/.test(f.toolsBuild.trim())) out.push('The VMware Tools build is a whole number.');
  if (exitCodeOf(f.preFreeze) === undefined) out.push('The pre-freeze script\'s exit code is a whole number (empty for no script).');
  if (exitCodeOf(f.postThaw) === undefined) out.push('The post-thaw script\'s exit code is a whole number (empty for no script).');
  return out;
}
