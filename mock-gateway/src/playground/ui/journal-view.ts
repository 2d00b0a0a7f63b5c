/**
 * The live journal of the session (server-sent events from GET /__admin/journal/stream): every call with its
 * envelope, what a backend holding the right keys finds in it, the plaintext, and the page's requests to the
 * backend with the verdict a scenario would give. An ARIA log: new entries are announced. The playground's own reads
 * of the admin API are hidden unless asked for.
 */
import type { StreamedEntry } from '../wire.js';
import { details, summarise } from './describe.js';
import { h } from './dom.js';
import { changed, current, onChange } from './state.js';

/** Entries kept on the page (the oldest are dropped). */
const KEPT = 400;

export interface JournalView {
  element: HTMLElement;
  /** called with an envelope to inspect */
  onInspect(fn: (payload: string) => void): void;
}

const isRead = (e: StreamedEntry) => e.api === 'admin' && (e.method === 'GET' || e.method === 'HEAD');

export function journalView(): JournalView {
  const log = h('ol', { class: 'journal', role: 'log', 'aria-label': 'Journal', 'aria-live': 'polite' });
  const showReads = h('input', { type: 'checkbox', id: 'show-reads' });
  const connection = h('span', { class: 'connection', role: 'status', 'aria-label': 'Journal stream' }, 'connecting…');
  let inspect: (payload: string) => void = () => undefined;
  let source: EventSource | undefined;
  let refresh: ReturnType<typeof setTimeout> | undefined;

  const item = (e: StreamedEntry): HTMLLIElement => {
    const facts = details(e);
    const kind = e.api === 'request' ? `request ${e.role ?? ''}` : e.api;
    const li = h(
      'li',
      { class: `entry api-${e.api}`, 'data-kind': kind, 'data-seq': e.seq, hidden: isRead(e) && !showReads.checked },
      h('span', { class: 'seq' }, `#${e.seq}`),
      ' ',
      h('span', { class: 'summary' }, summarise(e)),
      h(
        'details',
        {},
        h('summary', {}, 'Details'),
        h('dl', {}, ...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, h('pre', {}, v))])),
      ),
    );
    if (e.envelope !== undefined) {
      const envelope = e.envelope;
      const button = h('button', { type: 'button', class: 'small' }, 'Inspect this envelope');
      button.addEventListener('click', () => inspect(envelope));
      li.querySelector('details')?.append(button);
    }
    return li;
  };

  const add = (e: StreamedEntry) => {
    if (e.api === 'admin' && e.method === 'POST' && e.url.startsWith('/__admin/reset')) log.replaceChildren();
    log.append(item(e));
    while (log.childElementCount > KEPT) log.firstElementChild?.remove();
    // the newest entry in view, within the log only (never scrolling the page itself)
    if (!isRead(e)) log.scrollTop = log.scrollHeight;
    // what the page did changes the session (a tap records consent, a rule is used up): the panels read it again
    if (e.api !== 'admin') {
      clearTimeout(refresh);
      refresh = setTimeout(() => changed('state'), 150);
    }
  };

  const connect = () => {
    source?.close();
    log.replaceChildren();
    const { session } = current();
    source = new EventSource(`/__admin/journal/stream?session=${encodeURIComponent(session)}`);
    source.addEventListener('open', () => {
      connection.textContent = 'live';
    });
    source.addEventListener('error', () => {
      connection.textContent = 'reconnecting…';
    });
    source.addEventListener('entry', (ev) => {
      try {
        add(JSON.parse((ev as MessageEvent<string>).data) as StreamedEntry);
      } catch {
        // not an entry: ignored
      }
    });
  };
  showReads.addEventListener('change', () => {
    for (const li of Array.from(log.children) as HTMLElement[]) {
      if (li.dataset.kind === 'admin' && /: (GET|HEAD) /.test(li.textContent ?? '')) li.hidden = !showReads.checked;
    }
  });
  onChange((why) => {
    if (why === 'session') connect();
  });
  connect();
  const element = h(
    'section',
    { class: 'panel journal-panel', 'aria-labelledby': 'journal-title' },
    h('h2', { id: 'journal-title' }, 'Journal'),
    h(
      'div',
      { class: 'row' },
      connection,
      showReads,
      h('label', { for: 'show-reads' }, "Show the playground's reads of the admin API"),
    ),
    log,
  );
  return {
    element,
    onInspect(fn) {
      inspect = fn;
    },
  };
}
