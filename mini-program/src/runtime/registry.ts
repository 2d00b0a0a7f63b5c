/** Page() and Component() definitions, by route and by component path, and the project's manifest. */
import type { ProjectManifest } from '../project/manifest.js';
import { runningModule } from './modules.js';

export type Options = Record<string, unknown>;

export const pageDefs = new Map<string, Options>();
export const componentDefs = new Map<string, Options>();

let manifestValue: ProjectManifest | undefined;
export function setManifest(m: ProjectManifest): void {
  manifestValue = m;
}
export function manifest(): ProjectManifest {
  if (!manifestValue) throw new Error('alimock: the project manifest was not loaded');
  return manifestValue;
}

/** `Page(options)`: describes the page whose module is running. */
export function Page(options: unknown): void {
  const id = runningModule();
  if (!id?.startsWith('page:')) throw new Error('Page() 只能在页面的 JS 文件中调用');
  const route = id.slice(5);
  if (pageDefs.has(route)) throw new Error('Page() 只能调用一次');
  pageDefs.set(route, (options && typeof options === 'object' ? options : {}) as Options);
}

/** `Component(options)`: describes the component whose module is running. */
export function Component(options: unknown): void {
  const id = runningModule();
  if (!id?.startsWith('component:')) throw new Error('Component() 只能在组件的 JS 文件中调用');
  componentDefs.set(id.slice(10), (options && typeof options === 'object' ? options : {}) as Options);
}
