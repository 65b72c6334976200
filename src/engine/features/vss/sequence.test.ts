import { describe, expect, it } from 'vitest';
import { ok, settle, vmOf } from '../../testing/harness';
import { vssLab, quiesce, startQuiesce, exec, inject, events, kinds, writer, EXCHANGE } from '../../testing/vssLab';

const SUCCESS_ORDER = ['quiesce.start', 'script.freeze', 'vss.identify', 'vss.prepareBackup', 'vss.prepareSnapshot', 'vss.freeze',
  'vss.flushAndHold', 'vm.snapshotCreated', 'vss.releaseWrites', 'vss.thaw', 'vss.postSnapshot', 'script.thaw',
  'vss.backupComplete', 'vss.shadowDiscarded', 'quiesce.done'];

/** The quiesce's event kinds (rules/vss.md), each run of one kind collapsed: the order they happen in. */
function kindOrder(ks: string[]): string[] {
  const out: string[] = [];
  for (const k of ks) if (SUCCESS_ORDER.includes(k) && out[out.length - 1] !== k) out.push(k);
  return out;
}

describe('VSS roles and sequence (vss.md rules 1-5)', () => {
  it('vss rule 1: VMware Tools is the requestor and the VMware Snapshot Provider is listed only during the quiesce', () => {
    const lab = vssLab();
    expect(exec(lab, 'vssadmin list providers')).not.toContain('VMware Snapshot Provider');
    startQuiesce(lab);
    let seen = false;
    for (let i = 0; i < 40 && !seen; i++) { lab.advance(250); seen = exec(lab, 'vssadmin list providers').includes("Provider name: 'VMware Snapshot Provider'"); }
    expect(seen).toBe(true);
    expect(vmOf(lab.state()).providers).toContain('VMware Snapshot Provider');
    settle(lab);
    expect(exec(lab, 'vssadmin list providers')).not.toContain('VMware Snapshot Provider');
    expect(events(lab).find((e) => e.kind === 'quiesce.start')!.source).toBe('VMware Tools');
  });

  it('vss rule 2: writers follow the OS and applications, each hosted by its service; VSS and swprv start Manual', () => {
    const lab = vssLab({ apps: ['exchange', 'sql', 'ad', 'bits', 'dhcp', 'wins', 'sharepoint'] });
    const names = vmOf(lab.state()).writers.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(['System Writer', 'Registry Writer', 'COM+ REGDB Writer', 'WMI Writer', EXCHANGE, 'SqlServerWriter', 'NTDS', 'BITS Writer', 'Dhcp Jet Writer', 'WINS Jet Writer', 'SharePoint Services Writer']));
    expect(names).not.toContain('ASR Writer');
    expect(writer(lab, EXCHANGE).id).toBe('{76fe1ac4-15f7-4bcd-987e-8e1acb462fb7}');
    expect(writer(lab, EXCHANGE).service).toBe('MSExchangeIS');
    const modern = vssLab({ guest: 'windows2008', apps: [] });
    expect(vmOf(modern.state()).writers.map((w) => w.name)).toEqual(expect.arrayContaining(['ASR Writer', 'Shadow Copy Optimization Writer']));
    const services = vmOf(lab.state()).services;
    expect(services.find((s) => s.name === 'VSS')).toMatchObject({ startup: 'manual', running: false });
    expect(services.find((s) => s.name === 'swprv')).toMatchObject({ startup: 'manual', running: false });
  });

  it('vss rule 3: the requestor calls run in order, and freeze goes front-end, back-end, then system writers', () => {
    const lab = vssLab({ apps: ['sharepoint', 'sql', 'exchange'] });
    expect(quiesce(lab).state).toBe('success');
    expect(kindOrder(kinds(lab))).toEqual(SUCCESS_ORDER);
    const frozen = events(lab).filter((e) => e.kind === 'vss.freeze' && e.source !== 'VSS').map((e) => e.source);
    const first = (n: string) => frozen.indexOf(n);
    expect(first('SharePoint Services Writer')).toBeLessThan(first('SqlServerWriter'));
    expect(first('SqlServerWriter')).toBeLessThan(first('System Writer'));
    expect(first(EXCHANGE)).toBeLessThan(first('Registry Writer'));
  });

  it('vss rule 4: the VMware snapshot is taken inside the commit while writes are held, before thaw; the shadow copy is discarded after', () => {
    const lab = vssLab();
    startQuiesce(lab);
    for (let i = 0; i < 2000 && !kinds(lab).includes('vss.flushAndHold'); i++) lab.advance(5);
    // Writes are held: a write issued now waits, and lands in the new delta after the snapshot.
    expect(vmOf(lab.state()).stunned).toBe(true);
    ok(lab, { type: 'guest.write', vm: 'vm1', disk: 'logs', offset: 0, length: 4096 });
    expect(vmOf(lab.state()).snapshots).toHaveLength(0);
    settle(lab);
    const chain = vmOf(lab.state()).disks.find((d) => d.id === 'logs')!.chain;
    expect(chain).toHaveLength(2);
    expect(chain[1].dataBytes).toBe(4096);
    const ks = kinds(lab);
    expect(ks.indexOf('vss.flushAndHold')).toBeLessThan(ks.indexOf('vm.snapshotCreated'));
    expect(ks.indexOf('vm.snapshotCreated')).toBeLessThan(ks.indexOf('vss.releaseWrites'));
    expect(ks.indexOf('vss.releaseWrites')).toBeLessThan(ks.indexOf('vss.thaw'));
    expect(vmOf(lab.state()).shadowCopies).toEqual([]);
    expect(ks.indexOf('vss.shadowDiscarded')).toBeGreaterThan(ks.indexOf('vss.backupComplete'));
  });

  it('vss rule 5: a writer moves 1 -> 2 -> 3 -> 4 -> 5 -> 1 through a session, and a failing OnPrepareBackup gives 7', () => {
    const lab = vssLab();
    startQuiesce(lab);
    const seen: number[] = [];
    for (let i = 0; i < 3000 && lab.tasks.some((t) => t.state !== 'success' && t.state !== 'error'); i++) {
      lab.advance(10);
      const s = lab.vms[0].guest.writers.find((w) => w.name === EXCHANGE)!.state;
      if (seen[seen.length - 1] !== s) seen.push(s);
    }
    settle(lab);
    expect(seen).toEqual([1, 2, 3, 4, 5, 1]);
    inject(lab, { kind: 'writerError', writer: EXCHANGE, phase: 'prepareBackup', error: 'retryable', once: true });
    expect(quiesce(lab, 'q2').state).toBe('error');
    expect(writer(lab, EXCHANGE).state).toBe(7);
  });
});

describe('guest.backup as a second requestor', () => {
  it('creates software shadow copies that vssadmin lists while the backup copies, and refuses a second set meanwhile', () => {
    const lab = vssLab({ workload: { profile: 'exchange', writeIOPS: 50 } });
    const r = ok(lab, { type: 'guest.backup', vm: 'vm1', backupType: 'full' });
    let listed = '';
    for (let i = 0; i < 100 && !listed.includes('Shadow Copy ID'); i++) { lab.advance(500); listed = exec(lab, 'vssadmin list shadows'); }
    expect(listed).toContain("Provider: 'Microsoft Software Shadow Copy provider 1.0'");
    expect(listed).toMatch(/Shadow Copy Volume: \\\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy1/);
    const again = lab.dispatch({ type: 'guest.backup', vm: 'vm1', backupType: 'copy' });
    expect(again.ok).toBe(false);
    settle(lab);
    expect(lab.state().tasks.find((t) => t.id === r.task)!.state).toBe('success');
    expect(exec(lab, 'vssadmin list shadows')).toContain('No items found that satisfy the query.');
  });
});
