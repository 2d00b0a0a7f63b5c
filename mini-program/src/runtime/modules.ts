/**
 * The project's JS modules, registered by the bundle with `__amDefine(id, factory)` and run once on first use (a
 * page's module when the page is first opened), so that `Page()` / `Component()` know whom they describe.
 */
const factories = new Map<string, () => unknown>();
const done = new Map<string, { ok: true } | { ok: false; error: unknown }>();
let running: string | undefined;

export function define(id: string, factory: () => unknown): void {
  factories.set(id, factory);
}

export function hasModule(id: string): boolean {
  return factories.has(id);
}

/** The module being run now (`page:pages/x/y`, `component:/components/c/c`, `app`). */
export function runningModule(): string | undefined {
  return running;
}

/** Runs a module once; its error (thrown while it ran) is kept and answered again on later calls. */
export function requireModule(id: string): { ok: true } | { ok: false; error: unknown } {
  const known = done.get(id);
  if (known) return known;
  const factory = factories.get(id);
  if (!factory) return { ok: true };
  const outer = running;
  running = id;
  let result: { ok: true } | { ok: false; error: unknown };
  try {
    factory();
    result = { ok: true };
  } catch (error) {
    result = { ok: false, error };
  } finally {
    running = outer;
  }
  done.set(id, result);
  return result;
}
