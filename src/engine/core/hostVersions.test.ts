import { describe, expect, it } from 'vitest';
import { HOST_VERSIONS, hostAtLeast, type HostVersion } from './hostVersions';
import { commandSchemas } from './commands';
import { parseLabDefinition } from './schema';

describe('host versions: one list, one comparison', () => {
  it('compares the documented host versions (docs/host-versions.md) oldest first, updates included', () => {
    const versions = ['3.5', '3.5u2', '4.0', '4.0u2', '4.1', '5.0', '5.1', '5.5', '6.0', '6.5', '6.7', '7.0'] as HostVersion[];
    versions.forEach((v, i) => {
      if (i > 0) expect([hostAtLeast(v, versions[i - 1]), hostAtLeast(versions[i - 1], v)]).toEqual([true, false]);
    });
    expect(hostAtLeast('4.0u2', '4.0')).toBe(true);
    expect(hostAtLeast('4.0', '4.0u2')).toBe(false);
    expect(hostAtLeast('5.5', '5.5')).toBe(true);
    expect(hostAtLeast('3.5u2', '4.0')).toBe(false);
    expect(hostAtLeast('7.0', '3.5')).toBe(true);
  });

  it('an unknown version is an error, never a guess', () => {
    expect(() => hostAtLeast('8.0' as HostVersion, '4.0')).toThrow(/unknown host version "8.0"/);
    expect(() => hostAtLeast('4.0', '4.2' as HostVersion)).toThrow(RangeError);
  });

  it('the lab definition and host.configure accept exactly the listed versions', () => {
    for (const v of HOST_VERSIONS) {
      expect(parseLabDefinition({ hosts: [{ id: 'h', version: v }] }).hosts[0].version).toBe(v);
      expect(commandSchemas['host.configure'].safeParse({ host: 'h', version: v }).success).toBe(true);
    }
    expect(() => parseLabDefinition({ hosts: [{ id: 'h', version: '4.2' }] })).toThrow(/hosts\[0\]\.version/);
    expect(commandSchemas['host.configure'].safeParse({ host: 'h', version: '8.0' }).success).toBe(false);
  });
});

describe('docs/host-versions.md', () => {
  it('shows the engine\'s own table of host changes (regenerate with npm run docs:host-versions)', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { hostVersionsMarkdown } = await import('./hostVersionsDoc');
    const page = readFileSync(join(__dirname, '../../../docs/host-versions.md'), 'utf8');
    const generated = /<!-- generated: start -->\n([\s\S]*)<!-- generated: end -->/.exec(page);
    expect(generated, 'the page keeps its generated block').not.toBeNull();
    expect(generated![1]).toBe(hostVersionsMarkdown());
  });
});
