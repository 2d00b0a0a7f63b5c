/**
 * The one pattern for a session id (and the ids a rule's scope names): 1–128 characters of A-Z a-z 0-9 . _ : -.
 * The admin routes, the rule validator, the OpenAPI document and the test-runner handle all read it from here.
 */
export const SESSION_PATTERN = '^[A-Za-z0-9._:-]{1,128}$';
export const SESSION_RE = new RegExp(SESSION_PATTERN);
/** What a valid id looks like, for messages. */
export const SESSION_ID_RULE = '1-128 characters of A-Z a-z 0-9 . _ : -';
