/**
 * How `alimock run` is stopped from outside: Ctrl-C (SIGINT), SIGTERM, or its output closing (`| head`: EPIPE).
 * The first stops the run in order (no new scenario, target and browser stopped, reports written); a second
 * signal exits at once (the target's watchdog still stops the target).
 */
export interface Interruption {
  readonly signal: AbortSignal;
  /** the console stream for the reporter: writes after a closed pipe are dropped, never thrown */
  readonly stdout: NodeJS.WritableStream;
  /** exit code for what stopped the run: SIGINT 130, SIGTERM 143, a closed output 141 */
  exitCode(): number;
  dispose(): void;
}

const EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143, 'output closed': 141 };

export function watchInterruption(): Interruption {
  const controller = new AbortController();
  let broken = false;
  const stop = (why: 'SIGINT' | 'SIGTERM' | 'output closed') => {
    if (!controller.signal.aborted) {
      controller.abort(why);
      return;
    }
    if (why !== 'output closed') process.exit(EXIT[why]);
  };
  const onInt = () => stop('SIGINT');
  const onTerm = () => stop('SIGTERM');
  const onOutError = (e: NodeJS.ErrnoException) => {
    broken = true;
    if (e.code === 'EPIPE') stop('output closed');
  };
  const onErrError = () => undefined;
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  process.stdout.on('error', onOutError);
  process.stderr.on('error', onErrError);
  const stdout = {
    write(chunk: string | Uint8Array): boolean {
      if (broken) return true;
      try {
        return process.stdout.write(chunk);
      } catch {
        broken = true;
        return true;
      }
    },
  } as NodeJS.WritableStream;
  return {
    signal: controller.signal,
    stdout,
    exitCode: () => EXIT[String(controller.signal.reason)] ?? 130,
    dispose() {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      process.stdout.off('error', onOutError);
      process.stderr.off('error', onErrError);
    },
  };
}
