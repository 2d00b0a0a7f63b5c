import { APP_SETTINGS_SCHEMA, CONSENT_TTL_SCHEMA, MAX_SPAN_MS } from '../model/app-schema.js';
import { sessionSchema } from './session.js';

/** JSON schemas shared by the admin routes (also the source of /__admin/openapi.json). */
export const idSchema = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' } as const;
export const mobileSchema = { type: 'string', maxLength: 20, pattern: '^[0-9+-]*$' } as const;

export const sessionQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { session: sessionSchema },
} as const;

const appSettingsProperties = APP_SETTINGS_SCHEMA.properties;

export const appPatchBody = {
  type: 'object',
  additionalProperties: false,
  properties: { session: sessionSchema, ...appSettingsProperties },
} as const;

export const appCreateBody = {
  type: 'object',
  additionalProperties: false,
  required: ['appId'],
  properties: { session: sessionSchema, appId: idSchema, ...appSettingsProperties },
} as const;

export const userCreateBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    session: sessionSchema,
    userId: { type: 'string', pattern: '^2088[0-9]{12}$' },
    mobile: mobileSchema,
    noMobile: { type: 'boolean' },
    nickName: { type: 'string', maxLength: 64 },
    count: { type: 'integer', minimum: 1, maximum: 1000 },
    consent: { type: 'string', enum: ['allow', 'none'] },
    appId: idSchema,
  },
} as const;

export const consentBody = {
  type: 'object',
  additionalProperties: false,
  required: ['decision'],
  properties: {
    session: sessionSchema,
    appId: idSchema,
    userId: idSchema,
    decision: { type: 'string', enum: ['allow', 'deny', 'none'] },
    ttlMs: CONSENT_TTL_SCHEMA,
  },
} as const;

export const consentExpireBody = {
  type: 'object',
  additionalProperties: false,
  properties: { session: sessionSchema, appId: idSchema, userId: idSchema },
} as const;

export const clockBody = {
  type: 'object',
  additionalProperties: false,
  required: ['advanceMs'],
  properties: {
    session: sessionSchema,
    advanceMs: { type: 'integer', minimum: -MAX_SPAN_MS, maximum: MAX_SPAN_MS },
  },
} as const;

export const journalQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    session: sessionSchema,
    api: { type: 'string', maxLength: 32 },
    outcome: { type: 'string', maxLength: 32 },
    // query strings are text and the gateway's ajv does not coerce types: digits, converted by the route
    after: { type: 'string', pattern: '^[0-9]{1,15}$', description: 'entries with seq > after' },
    limit: { type: 'string', pattern: '^(?:[1-9][0-9]{0,3}|10000)$', description: '1..10000: the newest N' },
  },
} as const;
