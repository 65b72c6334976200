// The event log: vCenter, host, VMware Tools, VSS, writers and the guest, in simulated time order.
import type { EventView } from './view';

export const MAX_EVENTS = 5000;

export class EventLog {
  readonly list: EventView[] = [];
  dropped = 0;

  add(e: EventView): void {
    this.list.push(e);
    // Keep the log bounded in a long-running lab; the oldest go first.
    if (this.list.length > MAX_EVENTS) {
      const cut = this.list.length - MAX_EVENTS;
      this.list.splice(0, cut);
      this.dropped += cut;
    }
  }
}
