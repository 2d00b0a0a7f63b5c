/** alimock's own reporters by name (apart from the reporters themselves, so that reading a config loads none). */
export const REPORTER_NAMES = ['console', 'json', 'junit', 'markdown', 'html'] as const;
export type ReporterName = (typeof REPORTER_NAMES)[number];

/** The hooks a reporter may have (at least one, each a function). */
export const REPORTER_HOOKS = ['onRunStart', 'onScenarioStart', 'onScenarioEnd', 'onRunEnd'] as const;

export function isReporterName(name: string): name is ReporterName {
  return (REPORTER_NAMES as readonly string[]).includes(name);
}
