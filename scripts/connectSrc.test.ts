import { describe, expect, it } from 'vitest';
import { withConnectSrc } from '../build/contentSecurityPolicy';

const page = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; connect-src 'self'; object-src 'none'" />`;

describe('npm run package -- --connect-src', () => {
  it('takes the page\'s own value, \'self\', and leaves the policy as it is', () => {
    expect(withConnectSrc(page, "'self'")).toBe(page);
  });
  it('narrows or widens it to the sources given', () => {
    expect(withConnectSrc(page, "'self' https://lrs.example.com")).toContain("connect-src 'self' https://lrs.example.com;");
  });
  it('refuses a page without the policy, and sources that are not a list of sources', () => {
    expect(() => withConnectSrc('<p>no policy</p>', "'self'")).toThrow(/no connect-src 'self' to replace/);
    expect(() => withConnectSrc(page, "https:; script-src *")).toThrow(/not a list of CSP sources/);
  });
});
