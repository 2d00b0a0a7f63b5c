/**
 * The alimock playground: the phone next to the controls of one session, the live journal, the payload inspector and
 * "save as scenario". Everything goes through the gateway's admin API in the chosen session.
 */

import { SESSION_RE } from '../../model/session-id.js';
import type { PlaygroundConfig } from '../wire.js';
import { get } from './api.js';
import { h } from './dom.js';
import { exportPanel } from './export-panel.js';
import { inspector } from './inspector.js';
import { journalView } from './journal-view.js';
import { memberPanel } from './member-panel.js';
import { phonePanel } from './phone.js';
import { rulesPanel } from './rules-panel.js';
import { sessionBar } from './session-bar.js';
import { settingsPanel } from './settings-panel.js';
import { initState, newSessionId } from './state.js';
import { statusLine } from './status.js';

async function start(): Promise<void> {
  const root = document.getElementById('app') as HTMLElement;
  const got = await get<PlaygroundConfig>('/__admin/playground');
  if (!got.ok) {
    root.replaceChildren(h('p', { role: 'alert' }, `The playground cannot start: ${got.message}`));
    root.removeAttribute('aria-busy');
    return;
  }
  const asked = new URL(location.href).searchParams.get('session');
  const session = asked !== null && SESSION_RE.test(asked) ? asked : newSessionId();
  if (asked !== session) {
    const url = new URL(location.href);
    url.searchParams.set('session', session);
    history.replaceState(null, '', url);
  }
  initState({ config: got.value, session, userId: got.value.demoUserId });

  const journal = journalView();
  const inspect = inspector();
  journal.onInspect((payload) => inspect.inspect(payload));
  root.replaceChildren(
    sessionBar(),
    statusLine,
    h(
      'main',
      { class: 'layout' },
      phonePanel(),
      h(
        'section',
        { class: 'panel controls', 'aria-labelledby': 'controls-title' },
        h('h2', { id: 'controls-title' }, 'Controls of this session'),
        settingsPanel(),
        memberPanel(),
        rulesPanel(),
      ),
      h('div', { class: 'side' }, journal.element, exportPanel(), inspect.element),
    ),
  );
  root.removeAttribute('aria-busy');
}

void start();
