// Vite plugin: the built index.html gets a Content-Security-Policy meta tag. Only the build: the dev
// server needs inline scripts (React Fast Refresh) and eval-free is what we ship, not how we edit.
// docs/security.md explains each directive.
import type { Plugin } from 'vite';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // The Web Worker and the service worker are files of the build.
  "worker-src 'self'",
  // No 'unsafe-inline' for styles either: React, xyflow and Recharts set element.style through the
  // CSSOM, which CSP allows, and xyflow's stylesheet is a file of the build (e2e/csp.spec.ts checks).
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

export function contentSecurityPolicy(policy = CONTENT_SECURITY_POLICY): Plugin {
  return {
    name: 'snaplab-content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      // Right after the charset, before any script or stylesheet it has to govern.
      handler: (html) => {
        const tag = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
        const out = html.replace(/(<meta charset="[^"]*" \/>)/i, `$1\n    ${tag}`);
        if (out === html) throw new Error('contentSecurityPolicy: index.html has no <meta charset> to follow');
        return out;
      },
    },
  };
}
