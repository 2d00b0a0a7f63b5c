import type { FastifyInstance } from 'fastify';
import { gatewayModel } from '../app.js';
import type { AppPatch } from '../model/app-schema.js';
import type { User } from '../model/users.js';
import { type EnvelopeFacts, type InspectOptions, inspectWith } from './envelope-check.js';
import { type Answer, call, expectStatus } from './gateway-client.js';

/** Admin and JSAPI calls bound to one session (sent as the `x-alimock-session` header). */
export interface SessionClient {
  session: string;
  send(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<Answer>;
  patchApp(patch: AppPatch, appId?: string): Promise<Answer>;
  addUser(options?: {
    userId?: string;
    mobile?: string;
    noMobile?: boolean;
    consent?: 'allow' | 'none';
    appId?: string;
  }): Promise<User>;
  authorize(decision: 'allow' | 'deny', who?: { userId?: string; appId?: string }): Promise<Answer>;
  addRule(rule: Record<string, unknown>): Promise<Answer>;
  /** POST /jsapi/getPhoneNumber; expects 200 and returns the envelope and its decoded facts */
  getPhone(
    body?: { userId?: string; appId?: string; mobile?: string },
    inspect?: InspectOptions,
  ): Promise<{ envelope: string; facts: EnvelopeFacts }>;
}

export function sessionClient(app: FastifyInstance, session: string): SessionClient {
  const headers = session === '' ? {} : { 'x-alimock-session': session };
  const send: SessionClient['send'] = (method, url, body) =>
    call(app, method, url, body ?? (method === 'GET' || method === 'DELETE' ? undefined : {}), { headers });
  return {
    session,
    send,
    async patchApp(patch, appId = gatewayModel(app).keys.appId) {
      return expectStatus(await send('PATCH', `/__admin/apps/${appId}`, patch), 200);
    },
    async addUser(options = {}) {
      const a = expectStatus(await send('POST', '/__admin/users', options), 201);
      return a.json.users[0] as User;
    },
    async authorize(decision, who = {}) {
      return expectStatus(await send('POST', '/jsapi/authorize', { scope: 'phoneNumber', decision, ...who }), 200);
    },
    async addRule(rule) {
      return expectStatus(await send('POST', '/__admin/rules', rule), 201);
    },
    async getPhone(body = {}, inspect = {}) {
      const a = expectStatus(await send('POST', '/jsapi/getPhoneNumber', body), 200);
      const envelope = a.json.response as string;
      if (typeof envelope !== 'string') throw new Error(`no response string: ${a.text}`);
      return { envelope, facts: inspectWith(app, envelope, inspect) };
    },
  };
}
