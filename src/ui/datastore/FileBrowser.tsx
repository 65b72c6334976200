// The datastore browser: folders and files with their sizes, as the state view lists them.
import { useDeferredValue, useMemo } from 'react';
import type { FileView } from '../../engine/core/view';
import { formatBytes } from '../../app/format';
import { useThrottled } from '../common/useThrottled';

const KIND: Record<string, string> = {
  vmx: 'Configuration', vmxf: 'Configuration', vmsd: 'Snapshot list', vmsn: 'Snapshot state', vmem: 'Snapshot memory',
  vmss: 'Suspended state', nvram: 'NVRAM', vswp: 'Swap', log: 'Log', descriptor: 'Disk descriptor', flat: 'Base disk',
  delta: 'Delta disk', redo: 'Redo log', manifest: 'Manifest', other: 'File',
};

/** `vm` limits the list to one VM's files; null lists the whole datastore. */
export function FileBrowser({ files: current, vm }: { files: FileView[]; vm: string | null }) {
  const files = useDeferredValue(useThrottled(current, 500));
  const groups = useMemo(() => {
    const m = new Map<string, FileView[]>();
    for (const f of files) {
      const dir = f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/')) : '';
      if (vm !== null && f.vm !== vm) continue;
      m.set(dir, [...(m.get(dir) ?? []), f]);
    }
    return [...m.entries()];
  }, [files, vm]);
  if (!groups.length) return <p className="muted">No files.</p>;
  return (
    <div className="file-browser" tabIndex={0} role="group" aria-label="Datastore files">
      <table className="grid">
        <thead><tr><th scope="col">Name</th><th scope="col" className="num">Size</th><th scope="col">Type</th></tr></thead>
        <tbody>
          {groups.map(([dir, list]) => [
            <tr key={dir} className="folder-row"><th scope="rowgroup" colSpan={3}><span className="ico ico-folder" aria-hidden="true" />{dir || '/'}</th></tr>,
            ...list.map((f) => (
              <tr key={f.path} className={`kind-${f.kind}`}>
                <td className="file-name">{f.path.slice(f.path.lastIndexOf('/') + 1)}</td>
                <td className="num">{formatBytes(f.sizeBytes)}</td>
                <td>{KIND[f.kind] ?? f.kind}</td>
              </tr>
            )),
          ])}
        </tbody>
      </table>
    </div>
  );
}
