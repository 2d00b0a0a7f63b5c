import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayModel } from '../model/gateway-model.js';
import { type GrantOwner, OAuthTokens, tokenResponseJson } from '../model/oauth.js';
import {
  checkCertSns,
  checkCommonParams,
  mergeParams,
  type OpenApiParams,
  type OpenApiRefusal,
  verifyRequestSignature,
} from '../model/openapi-request.js';
import { decideFaults, type FaultDecision } from '../model/rules.js';
import { GLOBAL } from '../model/store.js';
import {
  assembleOpenApiResponse,
  errorObjectJson,
  type OpenApiError,
  type OpenApiSigning,
  openApiError,
} from '../protocol/openapi-response.js';
import { responseKeyFor } from '../protocol/openapi-sign.js';
import { OUTCOMES } from '../protocol/outcomes.js';
import { isSignType } from '../protocol/rsa.js';
import { amendCall, applyTransportFaults, describeCall } from './call-context.js';
import { sendError } from './errors.js';
import { checkSessionId, SESSION_HEADER } from './session.js';

export const OAUTH_TOKEN_METHOD = 'alipay.system.oauth.token';
/** The OpenAPI methods the mock gateway implements. */
export const GATEWAY_METHODS = [OAUTH_TOKEN_METHOD] as const;

export interface GatewayPluginOptions {
  model: GatewayModel;
  /** OAuth state (default: a fresh one over `model.store`) */
  oauth?: OAuthTokens;
}

/** Who a call is about: the session and member of its code or refresh token, when the gateway knows it. */
function ownerOf(oauth: OAuthTokens, params: OpenApiParams): GrantOwner | undefined {
  if (params.method !== OAUTH_TOKEN_METHOD) return undefined;
  if (params.grant_type === 'authorization_code' && params.code) return oauth.peekCode(params.code);
  if (params.grant_type === 'refresh_token' && params.refresh_token)
    return oauth.peekRefreshToken(params.refresh_token);
  return undefined;
}

/**
 * `POST /gateway.do`: the OpenAPI gateway as the official SDKs call it (docs/protocol.md). Parameters come from the query
 * string and the urlencoded body; the request signature is verified with the app's public key; answers are signed
 * with the mock Alipay key over the raw text of the response member. Implements `alipay.system.oauth.token`.
 *
 * Sessions: a call belongs to the session its code (or refresh token) was issued in; an `x-alimock-session` header,
 * when sent, must name that session. Fault rules with api `gateway` apply.
 */
export async function gatewayRoutes(app: FastifyInstance, options: GatewayPluginOptions): Promise<void> {
  const { model } = options;
  const { store, keys } = model;
  const oauth = options.oauth ?? new OAuthTokens(store);

  app.post('/gateway.do', async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers[SESSION_HEADER];
    let named: string | undefined;
    if (header !== undefined) {
      // a session header that is present must name a session: "" or blank is refused, never read as "none"
      const checked = checkSessionId(header, `header ${SESSION_HEADER}`);
      if (!checked.ok) return sendError(reply, 'BAD_SESSION', checked.reason);
      named = checked.value;
    }
    const params = mergeParams(request.query, request.body);
    const found = ownerOf(oauth, params);
    const owner = found && (named === undefined || found.session === named) ? found : undefined;
    const session = owner?.session ?? named ?? GLOBAL;
    const appId = params.app_id || undefined;
    const userId = owner?.userId;
    describeCall(request, { api: 'gateway', session, ...(appId ? { appId } : {}), ...(userId ? { userId } : {}) });

    const faults = decideFaults(store.rulesFor(session), {
      api: 'gateway',
      session,
      ...(appId ? { appId } : {}),
      ...(userId ? { userId } : {}),
    });
    if (faults.firedRuleIds.length > 0) amendCall(request, { rules: faults.firedRuleIds });
    if (await applyTransportFaults(app, model, request, reply, faults)) return reply;

    // certificate mode is decided up front: a call with valid SNs gets `alipay_cert_sn` on every answer
    const common = checkCommonParams(params);
    const cert = common.ok ? checkCertSns(common.value, keys.certs) : undefined;
    const alipayCertSn = cert?.ok ? cert.value : undefined;
    const signing = signingFor(model, faults, isSignType(params.sign_type) ? params.sign_type : 'RSA2');

    const answer = (responseKey: string, bodyJson: string, outcome: string): FastifyReply => {
      const text = assembleOpenApiResponse({
        responseKey,
        bodyJson,
        ...(alipayCertSn !== undefined ? { alipayCertSn } : {}),
        signing: signing.value,
      });
      amendCall(request, {
        outcome,
        envelope: text,
        plaintext: bodyJson,
        ...(signing.variant ? { variant: signing.variant } : {}),
      });
      return reply.code(200).type('application/json;charset=utf-8').send(text);
    };
    const fail = (e: OpenApiError): FastifyReply => answer('error_response', errorObjectJson(e), e.subCode);
    const refuse = (r: OpenApiRefusal): FastifyReply => fail(openApiError(r.id, r.detail));

    const payload = faults.payload;
    if (payload?.kind === 'outcome' && payload.outcome !== 'success' && payload.outcome !== 'empty-mobile') {
      const o = OUTCOMES[payload.outcome];
      return fail({ code: o.code, msg: o.msg, subCode: o.subCode ?? '', subMsg: o.subMsg ?? '' });
    }

    if (!common.ok) return refuse(common.reason);
    const c = common.value;
    if (!store.app(session, c.appId)) return refuse({ id: 'isv.invalid-app-id' });
    if (cert && !cert.ok) return refuse(cert.reason);
    const verified = verifyRequestSignature(params, c, keys.appPublicKey);
    if (!verified.ok) return refuse(verified.reason);
    if (c.method !== OAUTH_TOKEN_METHOD) return refuse({ id: 'isv.invalid-method' });

    const grantType = params.grant_type;
    const scoped = owner ? owner.session : named;
    const granted =
      grantType === 'authorization_code'
        ? oauth.exchangeCode(params.code ?? '', c.appId, scoped)
        : grantType === 'refresh_token'
          ? oauth.refresh(params.refresh_token ?? '', c.appId, scoped)
          : undefined;
    if (!granted) return refuse({ id: 'isv.grant-type-invalid' });
    if (!granted.ok) return refuse({ id: granted.reason });
    amendCall(request, { userId: granted.value.userId });
    return answer(responseKeyFor(c.method), tokenResponseJson(granted.value), 'success');
  });
}

/** How the answer is signed: the request's sign type with the mock Alipay key, unless a tamper rule says otherwise. */
function signingFor(
  model: GatewayModel,
  faults: FaultDecision,
  signType: OpenApiSigning['signType'],
): { value: OpenApiSigning | null; variant?: string } {
  const p = faults.payload;
  if (p?.kind === 'tamper' && p.tampering === 'strip-sign') return { value: null, variant: 'tamper:strip-sign' };
  if (p?.kind === 'tamper' && p.tampering === 'foreign-key-sign') {
    return { value: { privateKey: model.foreign().privateKey, signType }, variant: 'tamper:foreign-key-sign' };
  }
  return { value: { privateKey: model.keys.alipayPrivateKey, signType } };
}
