// A disk as the page names it: vSphere's "Hard disk N", with the name the lab's author gave it when
// that name means something to the learner ("Hard disk 2 (scratch)"); a default id such as "disk1" is
// the lab file's, not the learner's, and stays off the page.
import type { DiskView } from '../../engine/core/view';

export function diskName(disk: Pick<DiskView, 'id' | 'label'>): string {
  return /^disk\d+$/.test(disk.id) ? disk.label : `${disk.label} (${disk.id})`;
}
