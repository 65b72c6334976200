// The VM settings form: its fields from the VM's state, and the vm.configure command for what changed.
import type { VmView } from '../../engine/core/view';

export interface ConfRow { key: string; value: string }
export interface SettingsFields {
  toolsStatus: VmView['tools']['status'];
  toolsBuild: string;
  toolsVss: boolean;
  vssService: VmView['vssService'];
  diskEnableUUID: boolean;
  toolsConf: ConfRow[];
}

export function fieldsOf(vm: VmView): SettingsFields {
  return {
    toolsStatus: vm.tools.status,
    toolsBuild: String(vm.tools.build),
    toolsVss: vm.tools.vss,
    vssService: vm.vssService,
    diskEnableUUID: vm.diskEnableUUID,
    toolsConf: Object.entries(vm.toolsConf).map(([key, value]) => ({ key, value: String(value) })),
  };
}

/** tools.conf values are text; "true"/"false" and numbers are sent as such. */
export function parseSetting(text: string): string | number | boolean {
  const t = text.trim();
  if (t === 'true' || t === 'false') return t === 'true';
  if (t !== '' && Number.isFinite(Number(t))) return Number(t);
  return t;
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
  const conf: Record<string, unknown> = {};
  const kept = new Set<string>();
  for (const row of f.toolsConf) {
    const key = row.key.trim();
    if (!key) continue;
    kept.add(key);
    const value = parseSetting(row.value);
    if (vm.toolsConf[key] !== value) conf[key] = value;
  }
  for (const key of Object.keys(vm.toolsConf)) if (!kept.has(key)) conf[key] = null;
  if (Object.keys(conf).length) out.toolsConf = conf;
  return out;
}
