/** What the runtime keeps on a rendered element: who owns its handlers, its bindings, its dataset. */
import type { CompiledTemplate } from '../../axml/template-ast.js';

/** A page or a component instance: the object its handlers are methods of. */
export interface Owner {
  kind: 'page' | 'component';
  /** route of a page, path of a component */
  name: string;
  instance: Record<string, unknown>;
  template: CompiledTemplate;
}

export interface ElementBinding {
  ev: string;
  handler: string;
  catch: boolean;
}

export interface AmProps {
  owner: Owner;
  on: ElementBinding[];
  dataset: Record<string, unknown>;
  /** `file:line:column` of the element in the project */
  at: string;
}

export type AmElement = Element & { __am?: AmProps; __amKey?: string };

/** `data-user-id` → `userId` */
export const datasetKey = (attr: string): string =>
  attr.slice(5).replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
