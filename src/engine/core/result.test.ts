import { describe, expect, it } from 'vitest';
import { quote } from './result';
import { smallLab } from '../testing/harness';

describe('refusals quote a short prefix', () => {
  it('quote keeps a short value whole and cuts a long one, saying how long it was', () => {
    expect(quote('vm1')).toBe('"vm1"');
    expect(quote('x'.repeat(5000))).toBe(`"${'x'.repeat(60)}..." (5000 characters)`);
  });

  it('a 10 MB id is not echoed whole by any refusal', () => {
    const lab = smallLab();
    const huge = 'x'.repeat(10 * 1024 * 1024);
    for (const cmd of [
      { type: huge }, { type: 'vm.powerOn', vm: huge }, { type: 'snapshot.revert', vm: 'vm1', snapshot: huge },
      { type: 'guest.write', vm: 'vm1', disk: huge, offset: 0, length: 1 }, { type: 'datastore.resize', datastore: huge, capacityGB: 10 },
      { type: 'host.configure', host: huge, version: '4.0' }, { type: 'fault.clear', vm: 'vm1', fault: huge },
    ]) {
      const r = lab.dispatch(cmd);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message.length).toBeLessThan(600);
    }
  });
});
