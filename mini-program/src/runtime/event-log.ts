/**
 * The event log the harness reads (`window.__alimockEvents`), with its change notification
 * (`window.__alimockOnChange(check)`) and in-flight count (`window.__alimockPending()`).
 */
import { win } from './globals.js';

export interface PageEvent {
  /** milliseconds since the page started loading */
  t: number;
  kind: 'jsapi' | 'request' | 'ui' | 'page' | 'error';
  name: string;
  args?: unknown;
  result?: unknown;
  error?: unknown;
  /** set when an asynchronous call settles */
  ms?: number;
  [extra: string]: unknown;
}

export const events: PageEvent[] = [];
const watchers = new Set<() => boolean>();
let notifyQueued = false;
/** work the harness should wait for that is not an event of its own (an error being mapped to its source) */
let busy = 0;

function runWatchers(): void {
  notifyQueued = false;
  for (const check of [...watchers]) {
    try {
      if (check()) watchers.delete(check);
    } catch {
      watchers.delete(check);
    }
  }
}

export function changed(): void {
  if (notifyQueued || watchers.size === 0) return;
  notifyQueued = true;
  queueMicrotask(runWatchers);
}

export const now = (): number => Math.round(performance.now() * 10) / 10;

/** A JSON copy (functions dropped); a value that cannot be copied becomes its string. */
export function plain<T>(value: T): T {
  if (value === undefined) return undefined as T;
  try {
    return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'function' ? undefined : v)));
  } catch {
    return String(value) as T;
  }
}

/** Appends an event and returns it, so that a pending call can be completed later. */
export function log(kind: PageEvent['kind'], name: string, args?: unknown, extra?: Record<string, unknown>): PageEvent {
  const entry: PageEvent = { t: now(), kind, name, args: plain(args) };
  if (extra) Object.assign(entry, plain(extra));
  events.push(entry);
  changed();
  return entry;
}

export function settle(entry: PageEvent, outcome: { result?: unknown; error?: unknown }): void {
  entry.ms = Math.round((now() - entry.t) * 10) / 10;
  if ('result' in outcome) entry.result = plain(outcome.result);
  if ('error' in outcome) entry.error = plain(outcome.error);
  changed();
}

/** Counts work in flight that has no pending event (see `__alimockPending`). */
export function track<T>(work: Promise<T>): Promise<T> {
  busy++;
  const done = () => {
    busy--;
    changed();
  };
  work.then(done, done);
  return work;
}

export function installEventLog(): void {
  win.__alimockEvents = events;
  win.__alimockReady = false;
  // my.alert and my.confirm wait for the person, so they do not count
  win.__alimockPending = () =>
    busy +
    events.filter(
      (e) =>
        (e.kind === 'jsapi' || e.kind === 'request') &&
        !('result' in e) &&
        !('error' in e) &&
        e.name !== 'canIUse' &&
        e.name !== 'alert' &&
        e.name !== 'confirm',
    ).length;
  win.__alimockOnChange = (check) => {
    if (!check()) watchers.add(check);
  };
}
