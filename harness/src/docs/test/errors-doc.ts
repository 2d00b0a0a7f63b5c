/**
 * docs/errors.md, rendered from the gateway's error catalogue (`MOCK_ERRORS`): the page is generated, never edited
 * by hand; `errors-doc.test.ts` fails when the committed page differs, and rewrites it on request.
 */
import { MOCK_ERRORS } from '../../../../mock-gateway/src/routes/errors.js';

export const ERRORS_DOC = 'docs/errors.md';

/** How to bring the page in line with the catalogue (printed by the drift test). */
export const REGENERATE = 'ALIMOCK_WRITE_DOCS=1 npx vitest run harness/src/docs/errors-doc.test.ts';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The whole page for a catalogue of `code → { status, hint }`. */
export function renderErrorsDoc(
  catalogue: Readonly<Record<string, { readonly status: number; readonly hint: string }>> = MOCK_ERRORS,
): string {
  const rows = Object.entries(catalogue).map(
    ([code, { status, hint }]) => `| \`${code}\` | ${status} | ${cell(hint)} |`,
  );
  return [
    '# Errors of the mock gateway',
    '',
    `<!-- Generated from the gateway's error catalogue (mock-gateway/src/routes/errors.ts). Do not edit: run ${REGENERATE} -->`,
    '',
    'When a request to the mock itself goes wrong — the admin API, the JSAPI bridge, the stub page and its',
    '`my.request` bridge, a missing token — the gateway answers with an HTTP error status and one JSON body shape:',
    '',
    '```json',
    '{ "error": { "code": "VALIDATION_FAILED", "message": "body: unknown field \\"bogus\\" (check the spelling)", "hint": "a field is missing, misspelled or of the wrong type" } }',
    '```',
    '',
    '- `code` is one of the table below; match on it, never on the text.',
    '- `message` says what was wrong with this very request (the field, the value, the limit).',
    '- `hint` says what to do about this kind of error; it is the same for every error of that code.',
    '- `details`, when present, carries more data about the failure.',
    '',
    'A stack trace never reaches a client: an unexpected failure answers `INTERNAL` with a reference, and the',
    "gateway's log (stderr) holds the stack trace under that reference.",
    '',
    'Not in this table, because they are not errors of the mock:',
    '',
    '- the outcomes of `my.getPhoneNumber` (40003, 40006, …): they are payloads, delivered with HTTP 200 inside the',
    '  envelope — see [protocol.md](protocol.md#the-plaintext-and-its-codes);',
    "- the answers of `/gateway.do`: Alipay's own `error_response`, HTTP 200 — see",
    '  [protocol.md](protocol.md#the-openapi-gateway-gatewaydo);',
    '- what a fault rule injects (`status`, `reset`, `no-answer`), except `INJECTED_STATUS` below — see',
    '  [admin-api.md](admin-api.md#rules).',
    '',
    '`INJECTED_STATUS` is the body of a `status` fault rule without a body of its own; it comes with the status the',
    'rule names, whatever the table says.',
    '',
    '| code | HTTP status | hint |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
