// "Host settings": the host's ESX version, as a trainer upgrades or downgrades the lab's host. In the
// lab's past it says that OK also starts a new branch (asked once).
import { useId, useState, type FormEvent } from 'react';
import type { HostView } from '../../engine/core/view';
import type { HostVersion } from '../../engine/core/hostVersions';
import { configureHost } from '../../app/commands';
import { Dialog } from '../common/Dialog';
import { BranchNote, usePastBranch } from '../controls/BranchNote';

/** How the vSphere Client names a version: "4.0 Update 2" for "4.0u2". */
export const versionLabel = (v: string) => `ESX ${v.replace(/u(\d+)$/, ' Update $1')}`;

// Every version the lab knows, oldest first: typed as a record of HostVersion, so a version added to
// (or dropped from) the engine's list fails the typecheck until it is here too.
const VERSIONS: Record<HostVersion, true> = {
  '3.5': true, '3.5u2': true, '4.0': true, '4.0u2': true, '4.1': true, '5.0': true, '5.1': true, '5.5': true,
  '6.0': true, '6.5': true, '6.7': true, '7.0': true,
};
const HOST_VERSIONS = Object.keys(VERSIONS);

export function HostSettingsDialog({ host, onClose }: { host: HostView; onClose(): void }) {
  const [version, setVersion] = useState<string>(host.version);
  const formId = useId();
  const branch = usePastBranch();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onClose();
    if (version !== host.version) void configureHost(host.id, version, branch?.newBranch);
  };
  return (
    <Dialog title="Host settings" onClose={onClose}
      footer={<>
        <button type="submit" form={formId} className="btn btn-primary">OK</button>
        <button type="button" className="btn" onClick={onClose}>Cancel</button>
      </>}>
      <form id={formId} className="form" onSubmit={submit}>
        <p className="muted small">Host {host.id}: upgrade or downgrade the version it runs.</p>
        <label className="field">Version
          <select value={version} onChange={(e) => setVersion(e.target.value)} data-autofocus>
            {HOST_VERSIONS.map((v) => <option key={v} value={v}>{versionLabel(v)}</option>)}
          </select>
        </label>
        <BranchNote branch={branch} answer="OK" />
      </form>
    </Dialog>
  );
}
