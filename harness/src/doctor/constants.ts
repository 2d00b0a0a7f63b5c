/** The doctor's published facts, in one place (no imports: the CLI's help loads this up front). */

/** At most this many bytes of payload are read (a real res.response is a few KB; a request body rarely more). */
export const PAYLOAD_LIMIT = 1024 * 1024;
/** At most this many bytes are read per key (a PEM certificate chain is a few KB). */
export const KEY_LIMIT = 64 * 1024;

/** Where every step and finding is explained; the file ships in the package (node_modules/alimock/docs/doctor.md). */
export const DOCTOR_DOC = 'docs/doctor.md';

/** 1048576 → "1 MiB", 65536 → "64 KiB". */
export function formatLimit(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
