/** alimock's own reporters by name (apart from the reporters themselves, so that reading a config loads none). */
export const REPORTER_NAMES = ['console', 'json', 'junit', 'markdown', 'html'] as const;
export type ReporterName = (typeof REPORTER_NAMES)[number];

export function isReporterName(name: string): name is ReporterName {
  return (REPORTER_NAMES as readonly string[]).includes(name);
}
