/**
 * What a subcommand hands back to `main.ts`: success, or a failure with its exit code (2 = misuse, 1 = runtime).
 * `reason` is printed as one line `alimock: <reason>` on stderr; omit it when the command already reported.
 */
export type CommandResult = { ok: true } | { ok: false; exitCode: number; reason?: string };

/** Exit code for misuse: a bad flag, value, file or folder the user must fix. */
export const EXIT_USAGE = 2;
/** Exit code for a runtime failure (port in use, I/O error, failed scenarios). */
export const EXIT_RUNTIME = 1;

export const done: CommandResult = { ok: true };

export function usageFailure(reason: string): CommandResult {
  return { ok: false, exitCode: EXIT_USAGE, reason };
}

export function runtimeFailure(reason: string): CommandResult {
  return { ok: false, exitCode: EXIT_RUNTIME, reason };
}
