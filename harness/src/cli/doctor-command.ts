import type { CommandResult } from './command-result.js';

/** Flags of `alimock doctor`, already validated by `main.ts` (at most one of `envelope` and `file`). */
export interface DoctorOptions {
  /** the envelope text given as the positional argument */
  envelope?: string;
  /** read the envelope from this file; with neither `envelope` nor `file`, read stdin */
  file?: string;
  alipayPublicKey?: string;
  aesKey?: string;
  appPublicKey?: string;
  keys?: string;
}

/** Placeholder: the lead replaces this module with the payload diagnosis. */
export async function doctorCommand(_opts: DoctorOptions): Promise<CommandResult> {
  return { ok: false, exitCode: 2, reason: 'doctor: not implemented yet' };
}
