// The guest OS side of a VM that quiescing needs: services, VSS writers and application data.
// Filled in by guest/ and vss/ modules; the snapshot engine only reads it through them.
export interface WriterState {
  name: string;
  id: string;
  instanceId: string;
  service: string;
  state: number;      // VSS_WRITER_STATE
  lastError: number;  // HRESULT, 0 for none
}

export interface ExchangeState { logBytes: number; truncations: number; lastFullBackup: number | null }

export interface GuestState {
  writers: WriterState[];
  exchange: ExchangeState | null;
}

export function newGuestState(apps: readonly string[]): GuestState {
  return {
    writers: [],
    exchange: apps.includes('exchange') ? { logBytes: 0, truncations: 0, lastFullBackup: null } : null,
  };
}
