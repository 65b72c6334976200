import { hostAtLeast, type HostVersion } from '../core/hostVersions';

export class Host {
  constructor(readonly id: string, public version: HostVersion) {}
  atLeast(v: HostVersion): boolean { return hostAtLeast(this.version, v); }
}
