import { describe, expect, it } from 'vitest';
import { createLab, defaultLabDefinition } from '../engine/index';
import { formatBytes, formatSimTime } from '../app/format';
import { browse, emptyHistory, pushHistory } from './console/consoleHistory';
import { configureChanges, fieldsOf, parseSetting, settingsProblems } from './settings/settingsForm';
import { defaultFields, faultOf, FAULT_KINDS } from './faults/faultForm';

describe('formatting', () => {
  it('formats sizes and simulated times', () => {
    expect(formatBytes(40 * 1024 ** 3)).toBe('40.0 GB');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatSimTime(90_061_001)).toBe('day 2, 01:01:01.001');
  });
});

describe('console history', () => {
  it('walks back and forth like cmd.exe and skips repeats', () => {
    let h = pushHistory(pushHistory(pushHistory(emptyHistory(), 'a'), 'b'), 'b');
    expect(h.entries).toEqual(['a', 'b']);
    let r = browse(h, -1); h = r.history; expect(r.line).toBe('b');
    r = browse(h, -1); h = r.history; expect(r.line).toBe('a');
    r = browse(h, -1); h = r.history; expect(r.line).toBe('a');
    r = browse(h, 1); h = r.history; expect(r.line).toBe('b');
    r = browse(h, 1); expect(r.line).toBe('');
  });
});

describe('VM settings form', () => {
  it('sends only what changed, with removed tools.conf keys as null; the engine accepts it', () => {
    const lab = createLab(defaultLabDefinition);
    const vm = lab.state().vms.find((v) => v.id === 'exch01')!;
    const f = fieldsOf(vm);
    expect(configureChanges(vm, f)).toEqual({});
    const changed = configureChanges(vm, { ...f, vssService: 'disabled', toolsBuild: '261974', toolsConf: [{ key: 'timeout', value: '30' }], flags: { ...f.flags, 'vss.disableAppQuiescing': 'true' } });
    expect(changed).toEqual({ vssService: 'disabled', tools: { build: 261974 }, toolsConf: { 'vss.disableAppQuiescing': true, timeout: 30 } });
    expect(lab.dispatch({ type: 'vm.configure', vm: 'exch01', ...changed }).ok).toBe(true);
    const after = lab.state().vms.find((v) => v.id === 'exch01')!;
    expect(fieldsOf(after).flags['vss.disableAppQuiescing']).toBe('true');
    expect(configureChanges(after, { ...fieldsOf(after), toolsConf: [], flags: { ...fieldsOf(after).flags, 'vss.disableAppQuiescing': '' } }))
      .toEqual({ toolsConf: { 'vss.disableAppQuiescing': null, timeout: null } });
    expect([parseSetting('false'), parseSetting('12'), parseSetting('x')]).toEqual([false, 12, 'x']);
  });

  it('turns Changed Block Tracking on and sets or removes a quiescing script by its exit code', () => {
    const lab = createLab(defaultLabDefinition);
    const vm = lab.state().vms.find((v) => v.id === 'exch01')!;
    const f = fieldsOf(vm);
    expect([f.preFreeze, f.postThaw]).toEqual(['', '']);
    const changed = configureChanges(vm, { ...f, ctkEnabled: !vm.ctkEnabled, preFreeze: '1', postThaw: ' ' });
    expect(changed).toEqual({ ctkEnabled: !vm.ctkEnabled, scripts: { preFreeze: 1 } });
    expect(lab.dispatch({ type: 'vm.configure', vm: 'exch01', ...changed }).ok).toBe(true);
    const after = lab.state().vms.find((v) => v.id === 'exch01')!;
    expect(after.scripts).toEqual({ preFreeze: 1, postThaw: null });
    expect(fieldsOf(after).preFreeze).toBe('1');
    expect(configureChanges(after, { ...fieldsOf(after), preFreeze: '' })).toEqual({ scripts: { preFreeze: null } });
    expect(settingsProblems({ ...fieldsOf(after), preFreeze: 'one', toolsBuild: '1.5' })).toHaveLength(2);
  });
});

describe('Break something', () => {
  it('builds every fault kind in a form the engine accepts', () => {
    const lab = createLab(defaultLabDefinition);
    const writer = lab.state().vms.find((v) => v.id === 'exch01')!.writers[0].name;
    for (const { kind } of FAULT_KINDS) {
      const fault = faultOf({ ...defaultFields(writer, 'ds1'), kind, once: true });
      expect(lab.dispatch({ type: 'fault.inject', vm: 'exch01', fault }), kind).toMatchObject({ ok: true });
    }
  });
});
