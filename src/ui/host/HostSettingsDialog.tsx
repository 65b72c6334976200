// "Host settings": the host's ESX version, as a trainer upgrades or downgrades the lab's host.
import { useId, useState, type FormEvent } from 'react';
import type { HostView } from '../../engine/core/view';
import { HOST_VERSIONS } from '../../engine/core/hostVersions';
import { configureHost } from '../../app/commands';
import { Dialog } from '../common/Dialog';

/** How the vSphere Client names a version: "4.0 Update 2" for "4.0u2". */
export const versionLabel = (v: string) => `ESX ${v.replace(/u(\d+)$/, ' Update $1')}`;

export function HostSettingsDialog({ host, onClose }: { host: HostView; onClose(): void }) {
  const [version, setVersion] = useState<string>(host.version);
  const formId = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onClose();
    if (version !== host.version) void configureHost(host.id, version);
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
      </form>
    </Dialog>
  );
}
