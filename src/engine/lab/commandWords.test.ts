import { describe, expect, it } from 'vitest';
import { createLab, defaultLabDefinition } from '../index';

describe('Lab.describe: a command in a learner\'s words (time travel\'s branch names)', () => {
  it('names the VM and the snapshot by their display names, whether the command gave an id or a name', () => {
    const lab = createLab(defaultLabDefinition);
    expect(lab.describe({ type: 'snapshot.take', vm: 'exch01', name: 'before-patch', quiesce: true })).toBe('EXCH01: took snapshot before-patch, quiesced');
    expect(lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'before-patch' }).ok).toBe(true);
    lab.advance(60_000);
    const id = lab.state().vms.find((v) => v.id === 'exch01')!.snapshots[0].id;
    expect(id).not.toBe('before-patch');
    expect(lab.describe({ type: 'snapshot.revert', vm: 'exch01', snapshot: id })).toBe('EXCH01: reverted to before-patch');
    expect(lab.describe({ type: 'snapshot.delete', vm: 'exch01', snapshot: 'before-patch' })).toBe('EXCH01: deleted before-patch');
    expect(lab.describe({ type: 'vm.powerOff', vm: 'sql01' })).toBe('SQL01: powered off');
    expect(lab.describe({ type: 'guest.exec', vm: 'dc01', command: 'vssadmin list writers' })).toBe('DC01: typed "vssadmin list writers" in the console');
  });

  it('says where a migration to production goes and in which disk format', () => {
    const lab = createLab(defaultLabDefinition);
    expect(lab.describe({ type: 'restore.migrate', vm: 'exch01' })).toBe('EXCH01: migrated to production');
    expect(lab.describe({ type: 'restore.migrate', vm: 'exch01', datastore: 'ds1', diskFormat: 'thin' })).toBe('EXCH01: migrated to production on ds1, thin provisioned format');
    expect(lab.describe({ type: 'restore.migrate', vm: 'exch01', diskFormat: 'thick' })).toBe('EXCH01: migrated to production, thick format');
    expect(lab.describe({ type: 'restore.migrate', vm: 'exch01', diskFormat: 'sameAsSource' })).toBe('EXCH01: migrated to production, same format as source');
    // A datastore the lab does not have is not named.
    expect(lab.describe({ type: 'restore.migrate', vm: 'exch01', datastore: 'nowhere' })).toBe('EXCH01: migrated to production');
  });

  it('never shows an id, even for what it cannot find, and changes nothing', () => {
    const lab = createLab(defaultLabDefinition);
    const before = lab.state();
    const words = [
      lab.describe({ type: 'snapshot.revert', vm: 'exch01', snapshot: 'snapshot-9' }),
      lab.describe({ type: 'snapshot.delete', vm: 'vm-nowhere', snapshot: 'snapshot-3' }),
      lab.describe({ type: 'no.such', vm: 'exch01' }),
      lab.describe(null),
    ];
    expect(words).toEqual(['EXCH01: reverted to a snapshot', 'A VM: deleted a snapshot', 'EXCH01: a change', 'A change to the lab']);
    for (const w of words) expect(w).not.toMatch(/snapshot-\d|vm-nowhere|exch01/);
    expect(lab.state()).toEqual(before);
  });
});
