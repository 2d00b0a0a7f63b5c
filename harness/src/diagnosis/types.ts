export type { CauseId, RootCause } from '../core/root-cause.js';

/** What a diagnostic probe found: the backend's answer to a payload built to test one hypothesis. */
export type ProbeId = 'unquoted-signature' | 'app-key-signature' | 'utf8-aes-key';
export type ProbeResults = Partial<Record<ProbeId, 'accepted' | 'refused'>>;
