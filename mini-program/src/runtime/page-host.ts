/**
 * A page on the stack: its instance (the `this` of its methods), its `<page>` element, its components; setData
 * re-renders once per microtask, morphing the page in place.
 */
import type { ManifestPage } from '../project/manifest.js';
import { componentModule } from '../project/manifest.js';
import { log, plain } from './event-log.js';
import { requireModule } from './modules.js';
import { guarded, reportDiagnostic, reportThrown } from './page-errors.js';
import { componentDefs, manifest, type Options } from './registry.js';
import type { Owner } from './render/element-props.js';
import type { Scope } from './render/evaluate.js';
import { morphInto } from './render/morph.js';
import { type ComponentSlotHost, renderPage } from './render/render-tree.js';
import { setPath } from './set-path.js';

type Fn = (...args: unknown[]) => unknown;

interface ComponentState {
  path: string;
  owner: Owner;
  def: Options;
  instance: Record<string, unknown> & { props: Record<string, unknown>; data: Record<string, unknown> };
  mounted: boolean;
  prev?: { props: Record<string, unknown>; data: Record<string, unknown> };
}

let nextComponentId = 1;

export class PageHost implements ComponentSlotHost {
  readonly element: HTMLElement;
  readonly instance: Record<string, unknown> & { data: Record<string, unknown> };
  readonly owner: Owner;
  private readonly components = new Map<string, ComponentState>();
  private seen = new Set<string>();
  private readonly problems = new Set<string>();
  private queued = false;
  private callbacks: Array<() => void> = [];
  /** legacy `buttonHandlers`: a markup handler name → the page method to call */
  readonly aliases: Record<string, string> = {};

  constructor(
    readonly route: string,
    readonly query: Record<string, string>,
    def: Options,
    page: ManifestPage,
  ) {
    this.element = document.createElement('page');
    this.element.setAttribute('data-route', route);
    const instance: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(def)) if (key !== 'data') instance[key] = value;
    instance.data = plain((def.data ?? {}) as Record<string, unknown>) ?? {};
    instance.route = route;
    instance.setData = (patch: unknown, callback?: unknown) => {
      this.setData(this.instance.data, patch, callback);
    };
    instance.$spliceData = (patch: Record<string, unknown[]>, callback?: unknown) => {
      for (const [path, args] of Object.entries(patch ?? {})) {
        const list = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], this.instance.data);
        if (Array.isArray(list) && Array.isArray(args)) list.splice(...(args as [number, number, ...unknown[]]));
      }
      this.queue(callback);
    };
    this.instance = instance as PageHost['instance'];
    this.owner = { kind: 'page', name: route, instance, template: page.template };
    const custom = (def.buttonHandlers ?? {}) as Record<string, unknown>;
    if (typeof custom.onGetAuthorize === 'string') this.aliases.onGetAuthorize = custom.onGetAuthorize;
    if (typeof custom.onError === 'string') this.aliases.onAuthError = custom.onError;
    if (typeof custom.onGetPhoneNumber === 'string') this.aliases.onGetPhoneNumber = custom.onGetPhoneNumber;
  }

  setData(target: Record<string, unknown>, patch: unknown, callback?: unknown): void {
    log('page', 'setData', patch);
    for (const [path, value] of Object.entries((patch ?? {}) as Record<string, unknown>)) setPath(target, path, value);
    this.queue(callback);
  }

  private queue(callback?: unknown): void {
    if (typeof callback === 'function') this.callbacks.push(callback as () => void);
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      this.render();
    });
  }

  /** Renders now (the first render and every batch of setData). */
  render(): void {
    this.seen = new Set();
    const fresh = renderPage(this.owner, this.instance.data, this);
    morphInto(this.element, fresh);
    this.afterRender();
    for (const cb of this.callbacks.splice(0)) guarded(() => cb());
  }

  private afterRender(): void {
    for (const [key, c] of this.components) {
      if (!this.seen.has(key)) {
        this.components.delete(key);
        this.call(c.def, 'didUnmount', c.instance);
      } else if (!c.mounted) {
        c.mounted = true;
        this.call(c.def, 'didMount', c.instance);
      } else if (c.prev) {
        const prev = c.prev;
        c.prev = undefined;
        this.call(c.def, 'didUpdate', c.instance, prev.props, prev.data);
      }
    }
  }

  private call(def: Options, name: string, self: unknown, ...args: unknown[]): void {
    const fn = def[name];
    if (typeof fn === 'function') guarded(() => (fn as Fn).apply(self, args));
  }

  problem(message: string, at: string): void {
    const key = `${at} ${message}`;
    if (this.problems.has(key)) return;
    this.problems.add(key);
    const [file, line, column] = at.split(':');
    reportDiagnostic(
      'template',
      { file: file ?? at, line: Number(line), column: Number(column), message },
      '页面模板错误：',
    );
  }

  component(
    key: string,
    path: string,
    props: Record<string, unknown>,
    parent: Owner,
  ): { owner: Owner; scope: Scope } | { error: string } {
    this.seen.add(key);
    let state = this.components.get(key);
    if (!state) {
      const loaded = requireModule(componentModule(path));
      if (!loaded.ok) {
        void reportThrown('error', loaded.error, `组件 ${path} 的脚本出错：`);
        return { error: `component ${path} failed to load` };
      }
      const def = componentDefs.get(path);
      const compiled = manifest().components[path];
      if (!compiled) return { error: `component ${path} is not part of the compiled project` };
      if (!def) return { error: `${path}.js did not call Component()` };
      state = this.createComponent(path, def, compiled.template, props, parent);
      this.components.set(key, state);
    } else {
      const merged = { ...((state.def.props ?? {}) as object), ...props };
      if (JSON.stringify(plain(merged)) !== JSON.stringify(plain(state.instance.props))) {
        state.prev ??= { props: state.instance.props, data: { ...state.instance.data } };
        state.instance.props = merged;
        this.call(state.def, 'deriveDataFromProps', state.instance, merged);
      }
    }
    const { instance } = state;
    const vars: Record<string, unknown> = {
      ...instance.props,
      ...instance.data,
      props: instance.props,
      $id: instance.$id,
    };
    return { owner: state.owner, scope: { vars } };
  }

  private createComponent(
    path: string,
    def: Options,
    template: Owner['template'],
    props: Record<string, unknown>,
    _parent: Owner,
  ): ComponentState {
    const host = this;
    const instance: ComponentState['instance'] = {
      is: path,
      $id: nextComponentId++,
      $page: this.instance,
      props: { ...((def.props ?? {}) as object), ...props },
      data:
        plain((typeof def.data === 'function' ? (def.data as Fn)() : (def.data ?? {})) as Record<string, unknown>) ??
        {},
      setData(patch: unknown, callback?: unknown) {
        if (state.mounted) state.prev ??= { props: instance.props, data: { ...instance.data } };
        host.setData(instance.data, patch, callback);
      },
    };
    for (const [name, fn] of Object.entries((def.methods ?? {}) as Record<string, unknown>)) instance[name] = fn;
    const state: ComponentState = {
      path,
      def,
      instance,
      mounted: false,
      owner: { kind: 'component', name: path, instance, template },
    };
    this.call(def, 'onInit', instance);
    this.call(def, 'deriveDataFromProps', instance, instance.props);
    return state;
  }

  /** The page leaves the stack: its components unmount. */
  unload(): void {
    for (const c of this.components.values()) this.call(c.def, 'didUnmount', c.instance);
    this.components.clear();
    this.element.remove();
  }
}
