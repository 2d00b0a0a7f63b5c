/**
 * `POST /__admin/inspect` `{ payload, session? }`: the doctor's findings on a pasted payload (`res.response`, or a
 * request body carrying it), checked with the gateway's Alipay public key and the session's AES key — what a
 * backend holding the right keys would find. The doctor lives in the harness: the host hands it in (`inspect`).
 */
import type { FastifyInstance } from 'fastify';
import type { GatewayModel } from '../model/gateway-model.js';
import type { Inspect } from '../playground/hooks.js';
import { skipJournal } from './call-context.js';
import { sendError } from './errors.js';
import { sessionOf, sessionSchema } from './session.js';

/** A payload larger than this is not a payload. */
export const MAX_INSPECTED = 256 * 1024;

const body = {
  type: 'object',
  required: ['payload'],
  additionalProperties: false,
  properties: { session: sessionSchema, payload: { type: 'string', maxLength: MAX_INSPECTED } },
} as const;

export function inspectRoutes(app: FastifyInstance, model: GatewayModel, inspect: Inspect): void {
  app.post('/__admin/inspect', { schema: { body } }, async (request, reply) => {
    skipJournal(request); // reads nothing of the session's state but its app's AES key
    const s = sessionOf(request);
    if (!s.ok) return sendError(reply, 'BAD_SESSION', s.reason);
    const { payload } = request.body as { payload: string };
    const appSettings = model.store.app(s.value, model.store.defaultAppId);
    return inspect(payload, {
      alipayPublicKey: model.keys.alipayPublicKeyBase64,
      aesKey: appSettings?.aesKey ?? model.keys.aesKey,
      appPublicKey: model.keys.appPublicKeyBase64,
    });
  });
}
