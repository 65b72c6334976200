// The "Guest console" region: a terminal on the selected VM, running guest.exec.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { execInGuest } from '../../app/commands';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../../app/store';
import { Region } from '../common/Region';
import { GuestActivity } from './GuestActivity';
import { browse, emptyHistory, HELP_TEXT, pushHistory, type History } from './consoleHistory';

interface Line { kind: 'in' | 'out' | 'err' | 'note'; text: string }

// Under an answer the lab's past gave: the line only read, so it was not recorded.
const FROM_PAST = '(Answered as the lab was then: the line changes nothing, so no branch starts.)';

export function GuestConsole({ id }: { id?: string }) {
  // Only what the terminal shows: it must not redraw its scrollback whenever the VM's disks grow.
  const vm = useLab(useShallow((s) => {
    const v = s.state.vms.find((x) => x.id === s.selectedVm);
    return v ? { id: v.id, name: v.name, guest: v.guest } : undefined;
  }));
  const vmId = vm?.id ?? '';
  const linux = vm?.guest === 'linux';
  const prompt = linux ? `root@${vm?.name.toLowerCase()}:~# ` : 'C:\\>';
  // Keyed by VM id in a Map: a VM may be called "constructor", which a plain object already has.
  const [lines, setLines] = useState<ReadonlyMap<string, Line[]>>(() => new Map());
  const [history, setHistory] = useState<History>(emptyHistory);
  const [input, setInput] = useState('');
  const [busy, setBusy] = useState(false);
  const screen = useRef<HTMLDivElement>(null);
  const shown = lines.get(vmId) ?? [];

  useEffect(() => {
    const el = screen.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [shown.length]);

  const print = (add: Line[]) => setLines((all) => new Map(all).set(vmId, [...(all.get(vmId) ?? []), ...add].slice(-400)));

  const run = async (command: string) => {
    setHistory((h) => pushHistory(h, command));
    setInput('');
    const text = command.trim();
    if (!text) { print([{ kind: 'in', text: prompt }]); return; }
    if (text === 'cls' || text === 'clear') { setLines((all) => new Map(all).set(vmId, [])); return; }
    const echo: Line = { kind: 'in', text: prompt + command };
    if (text === 'help' || text === '/?') { print([echo, { kind: 'out', text: HELP_TEXT }]); return; }
    setBusy(true);
    try {
      const r = await execInGuest(vmId, text);
      print([echo, r.ok ? { kind: 'out', text: r.output ?? '' } : { kind: 'err', text: r.error.message }, ...(r.fromPast ? [{ kind: 'note' as const, text: FROM_PAST }] : [])]);
    } finally {
      setBusy(false);
    }
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      const b = browse(history, e.key === 'ArrowUp' ? -1 : 1);
      setHistory(b.history);
      setInput(b.line);
    }
  };

  return (
    <Region name="Guest console" id={id} title={vm ? `Guest console · ${vm.name}` : 'Guest console'} className="console">
      <div className="terminal" onClick={() => screen.current?.parentElement?.querySelector('input')?.focus()}>
        <div className="terminal-screen" ref={screen} role="log" aria-label={`Console output of ${vm?.name ?? 'the VM'}`}>
          {shown.length === 0 && <div className="term-out muted">Type “help” for the commands this guest understands.</div>}
          {shown.map((l, i) => <pre key={i} className={`term-${l.kind}`}>{l.text}</pre>)}
        </div>
        <form className="terminal-input" onSubmit={(e) => { e.preventDefault(); if (!busy && vm) void run(input); }}>
          <span aria-hidden="true">{prompt}</span>
          <input value={input} onChange={(e) => setInput(e.target.value)} onKeyDown={onKey} disabled={!vm}
            aria-label={`Command for ${vm?.name ?? 'the VM'}`} autoComplete="off" spellCheck={false} />
        </form>
      </div>
      <GuestActivity />
    </Region>
  );
}
