// Imported first by the page: zod compiles object schemas with `new Function` when it can, and probes
// for that on first use. Under our CSP (no 'unsafe-eval') the probe fails harmlessly but is still
// reported as a violation, so tell zod up front not to try.
import { z } from 'zod';

z.config({ jitless: true });
