/**
 * What the playground's page receives from the gateway, as types both sides share (the page imports them as types
 * only: nothing here may depend on Node).
 */
import type { JournalEntry } from '../model/journal-entry.js';

/** What a backend holding the right keys finds in an envelope the gateway sent. */
export interface EnvelopeCheck {
  /** why the text is not an envelope, when it is not */
  parseError?: string;
  signed: boolean;
  /** the signature verifies with the gateway's Alipay public key (undefined when unsigned) */
  verified?: boolean;
  signType?: string;
  encrypted: boolean;
  /** decrypts with the app's AES key (undefined when not encrypted) */
  decrypted?: boolean;
  decryptError?: string;
  /** the decrypted (or plain) content */
  plaintext?: string;
  form?: 'long' | 'short' | 'other';
}

/** A journal entry as `GET /__admin/journal/stream` sends it: with what a backend finds in its envelope. */
export type StreamedEntry = JournalEntry & { check?: EnvelopeCheck };

/** `GET /__admin/playground`: what the playground runs with. */
export interface PlaygroundConfig {
  version: string;
  /** the app the page runs as */
  appId: string;
  /** the member the page acts as by default */
  demoUserId: string;
  /** the page the phone shows */
  pagePath: string;
  targetUrl?: string;
  /** the phone logs in on launch (the contract maps a login) */
  loginOnLaunch: boolean;
  /** where the set-up comes from, in words */
  source?: string;
  /** the page's phone button (a CSS selector) when the set-up names one; else the runtime's default */
  phoneButton?: string;
  /** the gateway requires a token */
  tokenInUse: boolean;
  /** POST /__admin/inspect is served */
  inspector: boolean;
  /** the host builds the page's backend requests from its contract */
  contractRequests: boolean;
  /** the tamperings a fault rule can apply */
  tamperings: string[];
}
