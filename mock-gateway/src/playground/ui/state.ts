/** The playground's state: what it runs with, the session, the member the page acts as; and who to tell of changes. */
import type { PlaygroundConfig } from '../wire.js';
import { setSession } from './api.js';

export interface State {
  config: PlaygroundConfig;
  session: string;
  /** the member the page acts as */
  userId: string;
}

type Listener = (why: Change) => void;
/** `session`: another session (or reset); `member`: the page acts as another member; `state`: settings changed */
export type Change = 'session' | 'member' | 'state';

const listeners: Listener[] = [];
let state: State | undefined;

export function initState(s: State): void {
  state = s;
  setSession(s.session);
}

export function current(): State {
  if (!state) throw new Error('the playground state is not initialised');
  return state;
}

export function onChange(listener: Listener): void {
  listeners.push(listener);
}

export function changed(why: Change): void {
  for (const l of listeners) l(why);
}

export function switchSession(session: string): void {
  const s = current();
  s.session = session;
  s.userId = s.config.demoUserId;
  setSession(session);
  const url = new URL(location.href);
  url.searchParams.set('session', session);
  history.replaceState(null, '', url);
  changed('session');
}

export function actAs(userId: string): void {
  current().userId = userId;
  changed('member');
}

/** A fresh session id: `pg-` and 8 random letters or digits. */
export function newSessionId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `pg-${Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('')}`;
}
