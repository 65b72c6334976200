// The lab picker: the lab's name in the top bar opens a list of the built-in labs to start instead.
import { useState } from 'react';
import { openLab } from '../../app/commands';
import { labChoices } from '../../app/labs';
import { useLab } from '../../app/store';
import { Dialog } from '../common/Dialog';

export function LabPicker() {
  const name = useLab((s) => s.state.name);
  const ready = useLab((s) => s.status === 'ready');
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState(labChoices[0]?.id ?? '');
  const close = () => setOpen(false);
  return (
    <>
      <button type="button" className="btn btn-ghost lab-name" disabled={!ready} onClick={() => setOpen(true)}
        aria-label={`Lab: ${name}. Open another lab`} title="Open another lab">
        {name} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <Dialog title="Open a lab" onClose={close}
          footer={<>
            <button type="button" className="btn" onClick={close}>Cancel</button>
            <button type="button" className="btn btn-primary" data-autofocus
              onClick={() => { close(); void openLab(chosen); }}>OK</button>
          </>}>
          <fieldset className="lab-choices">
            <legend>Built-in labs</legend>
            {labChoices.map((l) => (
              <label key={l.id} className="check">
                <input type="radio" name="lab" value={l.id} checked={chosen === l.id} onChange={() => setChosen(l.id)} />
                <span><strong>{l.name}</strong> <span className="muted small">· {l.hosts} host{l.hosts === 1 ? '' : 's'}, {l.vms} VMs</span></span>
              </label>
            ))}
          </fieldset>
          <p className="muted small">The lab open now ends: its snapshots, tasks and simulated time are not kept (export the session first to keep them).</p>
        </Dialog>
      )}
    </>
  );
}
