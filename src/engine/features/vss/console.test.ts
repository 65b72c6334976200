import { describe, expect, it } from 'vitest';
import { vmOf, settle } from '../../testing/harness';
import { vssLab, quiesce, startQuiesce, exec, inject, writer, EXCHANGE } from '../../testing/vssLab';

const HEADER = 'vssadmin 1.1 - Volume Shadow Copy Service administrative command-line tool\n(C) Copyright 2001-2005 Microsoft Corp.\n';

describe('what the guest shows (vss.md rules 21-23)', () => {
  it('vss rule 21: vssadmin list writers prints each writer in the exact layout', () => {
    const lab = vssLab();
    inject(lab, { kind: 'writerError', writer: EXCHANGE, phase: 'prepareBackup', error: 'retryable', once: true });
    quiesce(lab);
    const out = exec(lab, 'vssadmin list writers');
    expect(out.startsWith(`${HEADER}\nWaiting for responses. \nThese may be delayed if a shadow copy is being prepared.\n\n`)).toBe(true);
    const w = writer(lab, EXCHANGE);
    expect(out).toContain(`Writer name: 'Microsoft Exchange Writer'\n   Writer Id: {76fe1ac4-15f7-4bcd-987e-8e1acb462fb7}\n   Writer Instance Id: ${w.instanceId}\n   State: [7] Failed\n   Last error: Retryable error\n\n`);
    expect(out).toMatch(/Writer name: 'System Writer'\n {3}Writer Id: \{e8132975-6f93-4464-a53e-1050253ae220\}\n {3}Writer Instance Id: \{[0-9a-f-]{36}\}\n {3}State: \[7\] Failed\n {3}Last error: No error\n\n/);
    expect(out.split('Writer name:')).toHaveLength(vmOf(lab.state()).writers.length + 1);
  });

  it('vss rule 21 (vssadmin msg.mc; captures after failed backups): after a freeze timeout the culprit is the one writer with an error', () => {
    const lab = vssLab({ apps: ['exchange', 'sql', 'ad'] });
    inject(lab, { kind: 'writerHang', writer: EXCHANGE, phase: 'freeze', once: true });
    expect(quiesce(lab).state).toBe('error');
    const out = exec(lab, 'vssadmin list writers');
    // The tool's own message: "Waiting for responses. " and the delay note on the next line.
    expect(out).toContain('\nWaiting for responses. \nThese may be delayed if a shadow copy is being prepared.\n\n');
    const entries = out.split('\n\n').filter((e) => e.startsWith('Writer name:'));
    expect(entries).toHaveLength(vmOf(lab.state()).writers.length);
    const withError = entries.filter((e) => !e.endsWith('Last error: No error'));
    // Exchange timed out between Freeze and Thaw: [9] Failed, Timed out. Every bystander was aborted in
    // the same phase and shows [9] Failed with "No error", as real captures of a failed set do.
    expect(withError).toHaveLength(1);
    expect(withError[0]).toMatch(/^Writer name: 'Microsoft Exchange Writer'\n[\s\S]*State: \[9\] Failed\n {3}Last error: Timed out$/);
    for (const e of entries.filter((x) => x !== withError[0])) expect(e).toMatch(/State: \[9\] Failed\n {3}Last error: No error$/);
  });

  it('vss rule 22: vssadmin list providers shows the software provider, and VMware\'s during a quiesce', () => {
    const lab = vssLab();
    const out = exec(lab, 'vssadmin list providers');
    expect(out).toBe(`${HEADER}\nProvider name: 'Microsoft Software Shadow Copy provider 1.0'\n   Provider type: System\n   Provider Id: {b5946137-7b9f-4925-af80-51abd60b20d5}\n   Version: 1.0.0.7\n\n`);
    startQuiesce(lab);
    lab.advance(300);
    expect(exec(lab, 'vssadmin list providers')).toContain("Provider name: 'VMware Snapshot Provider'\n   Provider type: Software\n");
    settle(lab);
  });

  it('vss rule 23: the event log holds VSS 12298, VolSnap 8, VSS 8229, VSS 12289 and ESE truncation entries', () => {
    const lab = vssLab({ workload: { profile: 'exchange', writeIOPS: 100 } });
    inject(lab, { kind: 'slowCommit', holdMs: 11_000, once: true });
    quiesce(lab, 'hold');
    inject(lab, { kind: 'writerError', writer: EXCHANGE, phase: 'freeze', error: 'retryable', once: true });
    quiesce(lab, 'freeze');
    quiesce(lab, 'stale');
    lab.advance(120_000);
    lab.dispatch({ type: 'guest.backup', vm: 'vm1', backupType: 'full' });
    settle(lab);
    const log = exec(lab, 'eventvwr application 200') + exec(lab, 'eventvwr system 200');
    expect(log).toMatch(/Error\s+\S+\s+\S+ [AP]M\s+VSS\s+12298/);
    expect(log).toMatch(/VolSnap\s+8\n/);
    expect(log).toMatch(/Warning\s+\S+\s+\S+ [AP]M\s+VSS\s+8229/);
    expect(log).toMatch(/VSS\s+12289/);
    expect(log).toMatch(/ESE\s+224\n\s+Information Store .*Deleting log files/);
    expect(vmOf(lab.state()).guestEvents.length).toBeGreaterThan(0);
  });
});

describe('the guest console (guest.exec)', () => {
  it('net stop hides a writer, net start brings it back Stable with a new instance', () => {
    const lab = vssLab();
    inject(lab, { kind: 'writerError', writer: EXCHANGE, phase: 'freeze', error: 'nonRetryable', once: true });
    quiesce(lab);
    const before = writer(lab, EXCHANGE).instanceId;
    expect(exec(lab, 'net stop MSExchangeIS')).toBe('The Microsoft Exchange Information Store service is stopping.\nThe Microsoft Exchange Information Store service was stopped successfully.\n');
    expect(exec(lab, 'vssadmin list writers')).not.toContain(EXCHANGE);
    expect(exec(lab, 'net stop MSExchangeIS')).toContain('is not started');
    expect(exec(lab, 'net start msexchangeis')).toContain('was started successfully');
    expect(writer(lab, EXCHANGE)).toMatchObject({ state: 1, lastError: 0 });
    expect(writer(lab, EXCHANGE).instanceId).not.toBe(before);
    expect(exec(lab, 'net start MSExchangeIS')).toContain('already been started');
    expect(exec(lab, 'net stop nosuch')).toContain('The service name is invalid.');
  });

  it('sc config vss start= disabled changes the VSS service; with the VSS component in place of LGTO_SYNC, Tools falls back to the null provider', () => {
    const lab = vssLab();
    expect(exec(lab, 'sc config vss start= disabled')).toBe('[SC] ChangeServiceConfig SUCCESS\n');
    expect(vmOf(lab.state()).vssService).toBe('disabled');
    expect(exec(lab, 'sc qc VSS')).toContain('4   DISABLED');
    expect(exec(lab, 'vssadmin list writers')).toContain('Error: The service cannot be started');
    quiesce(lab);
    expect(vmOf(lab.state()).snapshots[0].consistency).toBe('crash');
    expect(exec(lab, 'sc config vss start=demand')).toContain('USAGE');
    expect(exec(lab, 'sc config vss start= demand')).toContain('SUCCESS');
    expect(vmOf(lab.state()).vssService).toBe('manual');
    expect(lab.vms[0].guest.eventLog.some((e) => e.id === 7040)).toBe(true);
  });

  it('help lists the commands; an unknown command says so and lists them; a Linux guest has no vssadmin', () => {
    const lab = vssLab();
    const help = exec(lab, 'help');
    for (const c of ['vssadmin list writers', 'vssadmin list providers', 'vssadmin list shadows', 'net stop', 'net start', 'sc config', 'eventvwr']) expect(help).toContain(c);
    const unknown = exec(lab, 'diskpart');
    expect(unknown).toContain("'diskpart' is not recognized as an internal or external command");
    expect(unknown).toContain('vssadmin list writers');
    expect(exec(lab, 'vssadmin list volumes')).toContain('Error: Invalid command.');
    expect(exec(lab, 'wevtutil qe Application')).toContain('is not recognized');
    const w2008 = vssLab({ guest: 'windows2008' });
    exec(w2008, 'vssadmin list writers'); // starts VSS: Service Control Manager logs 7036
    expect(exec(w2008, 'wevtutil qe System /c:5')).toContain('Event[0]:\n  Log Name: System\n  Source: Service Control Manager');
    const linux = vssLab({ guest: 'linux', apps: [] });
    expect(exec(linux, 'vssadmin list writers')).toContain('bash: vssadmin: command not found');
    const off = vssLab({ power: 'poweredOff' });
    const r = off.dispatch({ type: 'guest.exec', vm: 'vm1', command: 'help' });
    expect(r.ok).toBe(false);
  });
});
