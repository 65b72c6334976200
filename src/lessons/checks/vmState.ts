// Checks on what a VM, host or datastore looks like now: power, the out-of-space question, warnings,
// settings, free space.
import { z } from 'zod';
import { defineCheck, vmId } from './define';
import { findVm, isResult, met, unmet, size, GB } from './context';
import { HOST_VERSIONS, hostAtLeast } from '../../engine/core/hostVersions';
import type { VmView } from '../../engine/core/view';

const powerWords = { poweredOn: 'powered on', poweredOff: 'powered off', suspended: 'suspended' } as const;

export const power = defineCheck('power', { vm: vmId, power: z.enum(['poweredOn', 'poweredOff', 'suspended']) }, (state, p) => {
  const vm = findVm(state, p.vm);
  if (isResult(vm)) return vm;
  if (vm.power === p.power) return met;
  return unmet(`${vm.name} is ${powerWords[vm.power]}; the goal is ${powerWords[p.power]}.`);
});

export const question = defineCheck('question', { vm: vmId, present: z.boolean() }, (state, p) => {
  const vm = findVm(state, p.vm);
  if (isResult(vm)) return vm;
  if ((vm.question !== null) === p.present) return met;
  return unmet(p.present ? `${vm.name} is not paused on a question.` : `${vm.name} is paused on a question: "${vm.question!.text}"`);
});

export const warning = defineCheck('warning', { vm: vmId, code: z.string().min(1), present: z.boolean() }, (state, p) => {
  const vm = findVm(state, p.vm);
  if (isResult(vm)) return vm;
  const w = vm.warnings.find((x) => x.code === p.code);
  if (Boolean(w) === p.present) return met;
  return unmet(w ? `${vm.name} still warns: "${w.message}"` : `${vm.name} shows no ${p.code} warning${vm.warnings.length ? ` (it shows: ${vm.warnings.map((x) => x.code).join(', ')})` : ''}.`);
});

/** Settings a learner changes with vm.configure, by the path the state view uses. */
const SETTINGS = {
  'vssService': (vm: VmView) => vm.vssService,
  'tools.status': (vm: VmView) => vm.tools.status,
  'tools.build': (vm: VmView) => vm.tools.build,
  'tools.vss': (vm: VmView) => vm.tools.vss,
  'diskEnableUUID': (vm: VmView) => vm.diskEnableUUID,
} as const;

/** A setting as VM settings labels it, for a learner's "why". */
const SETTING_WORDS: Record<string, string> = {
  vssService: 'Volume Shadow Copy service start mode', 'tools.status': 'VMware Tools status', 'tools.build': 'VMware Tools build',
  'tools.vss': 'VMware Tools VSS support', diskEnableUUID: 'disk.EnableUUID',
};
const settingWords = (s: string): string => SETTING_WORDS[s] ?? (s.startsWith('toolsConf.') ? `tools.conf ${s.slice('toolsConf.'.length)}` : s.startsWith('vmx.') ? `.vmx ${s.slice('vmx.'.length)}` : s);

export const vmSetting = defineCheck('vmSetting', {
  vm: vmId,
  setting: z.union([z.enum(Object.keys(SETTINGS) as [keyof typeof SETTINGS]), z.string().regex(/^(toolsConf|vmx)\..+/, 'expected vssService, tools.status, tools.build, tools.vss, diskEnableUUID, toolsConf.<key> or vmx.<key>')]),
  equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
  oneOf: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1).optional(),
  atLeast: z.number().optional(),
}, (state, p) => {
  const vm = findVm(state, p.vm);
  if (isResult(vm)) return vm;
  const value = settingValue(vm, p.setting);
  const shown = value === undefined ? 'not set' : JSON.stringify(value);
  if (p.equals !== undefined && value !== p.equals) return unmet(`${vm.name}'s ${settingWords(p.setting)} is ${shown}; the goal is ${JSON.stringify(p.equals)}.`);
  if (p.oneOf !== undefined && !p.oneOf.includes(value as never)) return unmet(`${vm.name}'s ${settingWords(p.setting)} is ${shown}; the goal is one of ${p.oneOf.map((v) => JSON.stringify(v)).join(', ')}.`);
  if (p.atLeast !== undefined && !(typeof value === 'number' && value >= p.atLeast)) return unmet(`${vm.name}'s ${settingWords(p.setting)} is ${shown}; the goal is at least ${p.atLeast}.`);
  return met;
});

function settingValue(vm: VmView, path: string): unknown {
  if (path in SETTINGS) return SETTINGS[path as keyof typeof SETTINGS](vm);
  const [group, ...rest] = path.split('.');
  const key = rest.join('.');
  return group === 'toolsConf' ? vm.toolsConf[key] : vm.vmx[key];
}

export const hostVersion = defineCheck('hostVersion', { host: z.string().min(1), atLeast: z.enum(HOST_VERSIONS) }, (state, p) => {
  const host = state.hosts.find((h) => h.id === p.host);
  if (!host) return unmet(`This lab has no host "${p.host}".`);
  if (hostAtLeast(host.version, p.atLeast)) return met;
  return unmet(`${host.id} runs ESX ${host.version}; the goal is ${p.atLeast} or later.`);
});

export const datastoreFree = defineCheck('datastoreFree', { datastore: z.string().min(1), minGB: z.number().min(0) }, (state, p) => {
  const ds = state.datastores.find((d) => d.id === p.datastore);
  if (!ds) return unmet(`This lab has no datastore "${p.datastore}".`);
  if (ds.freeBytes >= p.minGB * GB) return met;
  return unmet(`${ds.id} has ${size(ds.freeBytes)} free of ${size(ds.capacityBytes)}; the goal is at least ${size(p.minGB * GB)} free.`);
});

export const workload = defineCheck('workload', {
  vm: vmId,
  maxIOPS: z.number().min(0).optional(),
  minIOPS: z.number().min(0).optional(),
}, (state, p) => {
  const vm = findVm(state, p.vm);
  if (isResult(vm)) return vm;
  const { profile, writeIOPS } = vm.workload;
  const shows = `${vm.name} runs the ${profile} workload at ${writeIOPS} write IOPS`;
  if (p.maxIOPS !== undefined && writeIOPS > p.maxIOPS) return unmet(`${shows}; the goal is at most ${p.maxIOPS}.`);
  if (p.minIOPS !== undefined && writeIOPS < p.minIOPS) return unmet(`${shows}; the goal is at least ${p.minIOPS}.`);
  return met;
});
