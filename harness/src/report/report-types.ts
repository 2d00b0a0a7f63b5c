/**
 * The shape of a run's results (what report.json holds): the domain types live in core/types.ts, where every layer
 * reads them; reporters and tools import them from here too.
 */
export type * from '../core/types.js';
