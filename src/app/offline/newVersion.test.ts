import { describe, expect, it } from 'vitest';
import { deployedBuild } from './newVersion';

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
