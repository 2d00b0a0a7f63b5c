/** app.json and a page's .json, read and checked. */
import type { TabBarConfig, WindowConfig } from './manifest.js';

export interface AppJson {
  pages: string[];
  window: WindowConfig;
  tabBar?: TabBarConfig;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** JSON.parse with the error's line and column. */
export function parseJson(text: string, file: string): Parsed<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const message = (e as Error).message;
    const pos = /position (\d+)/.exec(message);
    if (pos) {
      const before = text.slice(0, Number(pos[1]));
      const line = before.split('\n').length;
      const column = Number(pos[1]) - before.lastIndexOf('\n');
      return { ok: false, reason: `${file}:${line}:${column} is not valid JSON: ${message}` };
    }
    return { ok: false, reason: `${file} is not valid JSON: ${message}` };
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function windowOf(raw: unknown): WindowConfig {
  if (!isObject(raw)) return {};
  const out: Record<string, string> = {};
  for (const key of [
    'defaultTitle',
    'titleBarColor',
    'backgroundColor',
    'navigationBarTitleText',
    'navigationBarBackgroundColor',
    'navigationBarTextStyle',
  ]) {
    if (typeof raw[key] === 'string') out[key] = raw[key];
  }
  return out as WindowConfig;
}

export function readAppJson(text: string): Parsed<AppJson> {
  const parsed = parseJson(text, 'app.json');
  if (!parsed.ok) return parsed;
  const raw = parsed.value;
  if (!isObject(raw)) return { ok: false, reason: 'app.json must be a JSON object with "pages"' };
  const pages = raw.pages;
  if (!Array.isArray(pages) || pages.length === 0 || !pages.every((p) => typeof p === 'string' && p !== ''))
    return { ok: false, reason: 'app.json "pages" must be a non-empty list of page paths such as "pages/index/index"' };
  const app: AppJson = { pages: pages.map((p: string) => p.replace(/^\//, '')), window: windowOf(raw.window) };
  const tab = raw.tabBar;
  if (isObject(tab)) {
    // Alipay's `items` (pagePath, name, icon, activeIcon); WeChat's `list` (pagePath, text, iconPath, selectedIconPath)
    const list = Array.isArray(tab.items) ? tab.items : Array.isArray(tab.list) ? tab.list : [];
    const items = list.filter(isObject).map((i) => ({
      pagePath: String(i.pagePath ?? '').replace(/^\//, ''),
      name: String(i.name ?? i.text ?? ''),
      ...(typeof (i.icon ?? i.iconPath) === 'string' ? { icon: String(i.icon ?? i.iconPath) } : {}),
      ...(typeof (i.activeIcon ?? i.selectedIconPath) === 'string'
        ? { activeIcon: String(i.activeIcon ?? i.selectedIconPath) }
        : {}),
    }));
    const colours: Record<string, string> = {};
    for (const key of ['textColor', 'selectedColor', 'backgroundColor'] as const) {
      const v = tab[key] ?? (key === 'textColor' ? tab.color : undefined);
      if (typeof v === 'string') colours[key] = v;
    }
    if (items.length > 0) app.tabBar = { ...colours, items };
  }
  return { ok: true, value: app };
}

export interface PageJson {
  window: WindowConfig;
  usingComponents: Record<string, string>;
}

export function readPageJson(text: string | undefined, file: string): Parsed<PageJson> {
  if (text === undefined) return { ok: true, value: { window: {}, usingComponents: {} } };
  const parsed = parseJson(text, file);
  if (!parsed.ok) return parsed;
  const raw = isObject(parsed.value) ? parsed.value : {};
  const using = isObject(raw.usingComponents) ? raw.usingComponents : {};
  const usingComponents: Record<string, string> = {};
  for (const [tag, path] of Object.entries(using)) if (typeof path === 'string') usingComponents[tag] = path;
  return { ok: true, value: { window: windowOf(raw), usingComponents } };
}
