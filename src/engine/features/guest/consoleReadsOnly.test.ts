// The console says which of its lines change the lab (time travel answers the others in the lab's past
// without a branch): every line it calls read-only leaves the guest as it was, and the forms it calls
// changing are the ones that change it.
import { describe, expect, it } from 'vitest';
import { smallLab } from '../../testing/harness';
import type { Lab } from '../../lab/lab';
import { consoleLineChanges } from './console';

const READS = [
  'help', '/?', 'vssadmin', 'vssadmin list writers', 'vssadmin list providers', 'vssadmin list shadows', 'VSSADMIN.EXE List Writers',
  'net', 'net start', 'net stop', 'sc', 'sc query VSS', 'sc qc VSS', 'sc query', 'eventvwr', 'eventvwr system 5', 'eventvwr application',
  'wevtutil qe Application /c:3', 'wevtutil qe "Directory Service"', 'repadmin /showrepl', 'eseutil /mh', 'eseutil', 'dir', 'format c:',
];
const CHANGES = ['net stop MSExchangeIS', 'NET START vss', 'sc config vss start= disabled', 'sc config MSExchangeIS start= demand', 'eseutil /r E00', 'eseutil /p'];

/** What a console line could change in the lab: the guest (services, writers, databases, its own event log), VSS's startup type. */
const guestOf = (lab: Lab) => JSON.stringify(lab.vms.map((v) => [v.guest, v.vssService]));

const exec = (lab: Lab, command: string) => {
  const r = lab.dispatch({ type: 'guest.exec', vm: 'vm1', command });
  expect(r.ok, command).toBe(true);
};

describe('console lines that only read', () => {
  it('leave the guest as it was, on a domain controller that runs Exchange', () => {
    const lab = smallLab({ vm: { guest: 'windows2008r2', apps: ['ad', 'exchange'] } });
    // vssadmin starts the VSS service on demand to answer, as Windows does: started once, it stays.
    exec(lab, 'vssadmin list writers');
    const before = guestOf(lab);
    for (const line of READS) {
      expect(consoleLineChanges(lab.vm('vm1')!, line), line).toBe(false);
      expect(lab.readsOnly({ type: 'guest.exec', vm: 'vm1', command: line }), line).toBe(true);
      exec(lab, line);
      expect(guestOf(lab), `${line} changed the guest`).toBe(before);
    }
  });

  it('the changing forms are said to change, and do', () => {
    const lab = smallLab({ vm: { guest: 'windows2008r2', apps: ['ad', 'exchange'] } });
    for (const line of CHANGES) expect(consoleLineChanges(lab.vm('vm1')!, line), line).toBe(true);
    const before = guestOf(lab);
    exec(lab, 'net stop MSExchangeIS');
    expect(guestOf(lab)).not.toBe(before);
    const stopped = guestOf(lab);
    exec(lab, 'sc config vss start= disabled');
    expect(guestOf(lab)).not.toBe(stopped);
  });

  it('only console lines read: other commands, an unknown VM or a line that is not text may change the lab', () => {
    const lab = smallLab();
    expect(lab.readsOnly({ type: 'snapshot.take', vm: 'vm1', name: 'a' })).toBe(false);
    expect(lab.readsOnly({ type: 'guest.exec', vm: 'nope', command: 'help' })).toBe(false);
    expect(lab.readsOnly({ type: 'guest.exec', vm: 'vm1', command: 42 })).toBe(false);
    expect(lab.readsOnly(null)).toBe(false);
    // A Linux guest's console knows only help: it changes nothing.
    expect(consoleLineChanges(smallLab({ vm: { guest: 'linux' } }).vm('vm1')!, 'net stop x')).toBe(false);
  });
});
