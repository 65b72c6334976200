import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkForNewVersion, deployedBuild, useNewVersion } from './newVersion';

const answer = (status: number, body: string) => (() => Promise.resolve(new Response(body, { status }))) as unknown as typeof fetch;

describe('deployedBuild', () => {
  it('reads the build id the server names', async () => {
    expect(await deployedBuild(answer(200, '{"build":"0123456789ab"}'))).toBe('0123456789ab');
  });
  it('says nothing when the server does not (offline, no file, not the format)', async () => {
    expect(await deployedBuild((() => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch)).toBeNull();
    expect(await deployedBuild(answer(404, 'Not found'))).toBeNull();
    expect(await deployedBuild(answer(200, '<!doctype html>'))).toBeNull();
    expect(await deployedBuild(answer(200, '{"build":""}'))).toBeNull();
  });
});

describe('checkForNewVersion', () => {
  afterEach(() => { vi.unstubAllGlobals(); useNewVersion.setState({ available: false, build: null }); });

  it('shows the notice as soon as the server names another build, without waiting for the service worker update', async () => {
    vi.stubGlobal('fetch', answer(200, '{"build":"newbuild0001"}'));
    const doc = { querySelector: () => ({ content: 'oldbuild0001' }) } as unknown as Document;
    // The browser's update of the service worker can take many seconds: here it never ends.
    const reg = { update: () => new Promise(() => {}) };
    const nav = { serviceWorker: { getRegistration: () => Promise.resolve(reg) } } as unknown as Navigator;
    expect(await checkForNewVersion(doc, nav)).toBe(true);
    expect(useNewVersion.getState()).toEqual({ available: true, build: 'newbuild0001' });
  });
});
