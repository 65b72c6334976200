// Vite plugins: the built index.html gets a Content-Security-Policy meta tag, and `vite preview` sends
// the same policy as a header with frame-ancestors, which a meta tag cannot carry (a deployment sends
// that header too: docs/security.md). Not the dev server: it needs inline scripts (React Fast Refresh)
// and eval-free is what we ship, not how we edit. docs/security.md explains each directive.
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

/**
 * The cmi5 package talks to the learning platform's LRS, whose address arrives only at launch (the
 * `endpoint` parameter), so its page allows connections to any HTTPS origin besides its own. A trainer
 * who knows the LRS can narrow it: `npm run package -- --connect-src https://lrs.example.com`.
 */
export const LRS_CONNECT_SRC = "'self' https:";

/** The built index.html with connect-src replaced; throws when the policy is not where it should be. */
export function withConnectSrc(html: string, sources: string): string {
  if (!/^[^;"<>]+$/.test(sources)) throw new Error(`connect-src: "${sources}" is not a list of CSP sources`);
  // Found, then replaced: `--connect-src "'self'"` (the page's own value) leaves the page as it is.
  const own = /connect-src 'self'(?=[;"])/;
  if (!own.test(html)) throw new Error("withConnectSrc: the page's Content-Security-Policy has no connect-src 'self' to replace");
  return html.replace(own, `connect-src ${sources.trim()}`);
}

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

/**
 * Who may frame the lab: the pages that embed it, the same origins a trainer gives as `parentOrigin`
 * (docs/embedding.md). The preview server allows this machine's own pages, on any port.
 */
export const PREVIEW_FRAME_ANCESTORS = "'self' http://localhost:* http://127.0.0.1:*";

/** The policy as a header: the meta tag's directives plus frame-ancestors. */
export function cspHeader(frameAncestors: string, policy = CONTENT_SECURITY_POLICY): string {
  if (!/^[^;,"<>]+$/.test(frameAncestors)) throw new Error(`frame-ancestors: "${frameAncestors}" is not a list of CSP sources`);
  return `${policy}; frame-ancestors ${frameAncestors}`;
}

/** `vite preview` answers with the policy header; SNAPLAB_FRAME_ANCESTORS (origins, space-separated) narrows or widens who may frame it. */
export function contentSecurityPolicyHeader(frameAncestors = process.env.SNAPLAB_FRAME_ANCESTORS || PREVIEW_FRAME_ANCESTORS): Plugin {
  const header = cspHeader(frameAncestors);
  return {
    name: 'snaplab-content-security-policy-header',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        // The lab's page only (index.html, by name or as a folder): other pages of the site, such as
        // the example slide deck, are not the lab and keep their own rules.
        const path = (req.url ?? '/').split(/[?#]/)[0];
        if (path.endsWith('/') || path.endsWith('/index.html')) res.setHeader('Content-Security-Policy', header);
        next();
      });
    },
  };
}
