// The postMessage protocol of docs/embedding.md, as schemas. `params` carries the window.lab method's
// arguments: either the first argument alone (a command, a number of ms, a lab or lesson id) or all of
// them as an array (`load` with options: [source, { seed: 7 }]).
import { z } from 'zod';

export const METHODS = ['dispatch', 'advance', 'state', 'load', 'play', 'pause', 'seek'] as const;
export type Method = (typeof METHODS)[number];

const command = z.looseObject({ type: z.string().min(1) });
const ms = z.number().finite().min(0);
const source = z.union([z.string().min(1), z.record(z.string(), z.unknown())]);
const loadOptions = z.strictObject({ seed: z.number().int().min(0).optional() });
const speed = z.number().finite().positive();

/**
 * Each method's params: the first argument alone, or all of them as an array. The schemas only check;
 * the arguments passed on are the values as they arrived, never zod's rebuilt copies, which would drop
 * an own "__proto__" key (a JSON-parsed command may carry one) instead of letting the engine refuse it,
 * as the CLI does with the same command.
 */
const paramsOf: Record<Method, z.ZodType> = {
  dispatch: z.union([command, z.tuple([command])]),
  advance: z.union([ms, z.tuple([ms])]),
  state: z.union([z.undefined(), z.tuple([])]),
  load: z.union([source, z.tuple([source]), z.tuple([source, loadOptions])]),
  play: z.union([z.undefined(), speed, z.tuple([]), z.tuple([speed])]),
  pause: z.union([z.undefined(), z.tuple([])]),
  seek: z.union([ms, z.tuple([ms])]),
};

/** The array window.lab's method takes, from params that passed their schema. */
const argsFrom = (params: unknown): unknown[] => (params === undefined ? [] : Array.isArray(params) ? params : [params]);

/** The envelope: anything without `snaplab: 1` and an `id` is not for us and gets no answer. */
export const envelopeSchema = z.object({ snaplab: z.literal(1), id: z.unknown() }).loose();

export type RequestId = unknown;

export type ParsedRequest =
  | { ok: true; id: RequestId; method: Method; args: unknown[] }
  | { ok: false; id: RequestId; error: { code: string; message: string } };

/** null: not a SnapLab request at all (ignored). */
export function parseRequest(data: unknown): ParsedRequest | null {
  const env = envelopeSchema.safeParse(data);
  if (!env.success || !('id' in env.data) || 'event' in env.data) return null;
  const { id, method, params } = env.data as { id: unknown; method?: unknown; params?: unknown };
  if (typeof method !== 'string' || !(METHODS as readonly string[]).includes(method)) {
    return { ok: false, id, error: { code: 'UNKNOWN_METHOD', message: `"method" should be one of ${METHODS.join(', ')} (got ${JSON.stringify(method) ?? 'nothing'}).` } };
  }
  const checked = paramsOf[method as Method].safeParse(params);
  if (!checked.success) {
    return { ok: false, id, error: { code: 'INVALID_PARAMS', message: `The params of "${method}" do not fit: ${PARAMS_HELP[method as Method]}.` } };
  }
  return { ok: true, id, method: method as Method, args: argsFrom(params) };
}

const PARAMS_HELP: Record<Method, string> = {
  dispatch: 'give a command object with a "type", e.g. { "type": "vm.powerOn", "vm": "exch01" }',
  advance: 'give the simulated milliseconds to advance, a number 0 or more',
  state: 'give no params',
  load: 'give a lab definition object or a lesson id, or [source, { "seed": 7 }]',
  play: 'give no params or a positive speed',
  pause: 'give no params',
  seek: 'give the simulated millisecond to go to, from 0 to the latest time the lab reached',
};

export type Reply =
  | { snaplab: 1; id: RequestId; result: unknown }
  | { snaplab: 1; id: RequestId; error: { code: string; message: string } };

export type EventMessage = { snaplab: 1; event: string } & Record<string, unknown>;
