/**
 * Panels read the session again whenever something changes (a journal entry, a click): two reads can be in flight,
 * and the older can answer last. `latestOnly()` tells a read whether it is still the newest one, so that a stale
 * answer is dropped instead of showing old facts — or overwriting a control the person has just changed.
 */
export interface Latest {
  /** starts a read; the returned function says whether it is still the newest when its answer arrives */
  begin(): () => boolean;
  /** a change made here: reads already in flight started before it and are stale */
  invalidate(): void;
}

export function latestOnly(): Latest {
  let generation = 0;
  return {
    begin() {
      const mine = ++generation;
      return () => mine === generation;
    },
    invalidate() {
      generation++;
    },
  };
}
