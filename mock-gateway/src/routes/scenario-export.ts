/**
 * `GET /__admin/sessions/:session/scenario`: what the session did, as a scenario file that
 * `alimock run --scenarios FILE` runs (see playground/export-scenario.ts). `?download=1` answers it as a file to
 * save. A read of the journal: not itself journaled.
 */
import type { FastifyInstance } from 'fastify';
import type { GatewayModel } from '../model/gateway-model.js';
import { exportScenario } from '../playground/export-scenario.js';
import { skipJournal } from './call-context.js';
import { sendError } from './errors.js';
import { sessionSchema } from './session.js';

const params = { type: 'object', required: ['session'], properties: { session: sessionSchema } } as const;
const query = {
  type: 'object',
  additionalProperties: false,
  properties: { download: { type: 'string', enum: ['0', '1'] } },
} as const;

export function scenarioExportRoutes(app: FastifyInstance, model: GatewayModel): void {
  app.get('/__admin/sessions/:session/scenario', { schema: { params, querystring: query } }, async (request, reply) => {
    skipJournal(request);
    const { session } = request.params as { session: string };
    const entries = model.store.journal.query({ session });
    const exported = exportScenario(entries, { session, appId: model.store.defaultAppId });
    if (!exported.ok) return sendError(reply, 'NOTHING_TO_EXPORT', exported.reason);
    const { scenario } = exported.value;
    if ((request.query as { download?: string }).download === '1')
      reply.header('content-disposition', `attachment; filename="${scenario.id}.json"`);
    return reply.type('application/json; charset=utf-8').send(`${JSON.stringify(scenario, null, 2)}\n`);
  });
}
