/** The phone frame around the pages: navigation bar (title, colours, back) and the tab bar. */
import type { TabBarConfig, WindowConfig } from '../project/manifest.js';
import { byId, el } from './dom.js';

export function windowTitle(w: WindowConfig): string | undefined {
  return w.defaultTitle ?? w.navigationBarTitleText;
}

/** Sets what is given of the navigation bar: its title (also the document's), background and text colour. */
export function setBar(bar: { title?: string; background?: string; color?: string }): void {
  if (bar.title !== undefined) {
    byId('nav-title').textContent = bar.title;
    document.title = bar.title;
  }
  const el = document.querySelector<HTMLElement>('.nav-bar');
  if (el && bar.background !== undefined) el.style.background = bar.background;
  if (el && bar.color !== undefined) el.style.color = bar.color;
}

export function applyWindow(w: WindowConfig, fallbackTitle: string): void {
  setBar({
    title: windowTitle(w) ?? fallbackTitle,
    background: w.titleBarColor ?? w.navigationBarBackgroundColor ?? '',
    color: w.navigationBarTextStyle === 'white' ? '#fff' : '',
  });
  byId('content').style.background = w.backgroundColor ?? '';
}

export function setBackVisible(visible: boolean): void {
  const back = document.querySelector<HTMLElement>('.nav-back');
  if (back) back.style.visibility = visible ? 'visible' : 'hidden';
}

/** Shows the tab bar when `route` is one of its pages; a tap switches tabs. */
export function renderTabBar(
  tabBar: TabBarConfig | undefined,
  route: string,
  switchTab: (route: string) => void,
): void {
  const bar = byId('tab-bar');
  const items = tabBar?.items ?? [];
  const current = items.findIndex((i) => i.pagePath.replace(/^\//, '') === route);
  if (!tabBar || current < 0) {
    bar.hidden = true;
    return;
  }
  bar.hidden = false;
  bar.style.background = tabBar.backgroundColor ?? '';
  bar.replaceChildren(
    ...items.map((item, i) => {
      const active = i === current;
      const icon = active ? (item.activeIcon ?? item.icon) : item.icon;
      const tab = el(
        'button',
        { class: `tab-item${active ? ' active' : ''}`, type: 'button', 'data-page': item.pagePath },
        ...(icon ? [el('img', { class: 'tab-icon', src: `./${icon.replace(/^\//, '')}`, alt: '' })] : []),
        el('span', { class: 'tab-text' }, item.name),
      );
      tab.style.color = (active ? tabBar.selectedColor : tabBar.textColor) ?? '';
      tab.addEventListener('click', () => switchTab(item.pagePath.replace(/^\//, '')));
      return tab;
    }),
  );
}
