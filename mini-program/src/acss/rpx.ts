const RPX = /(-?(?:\d+\.?\d*|\.\d+))rpx\b/g;

/** `200rpx` → `calc(200 * var(--rpx))` in any CSS value (sheets and inline styles; the shell defines `--rpx`). */
export function convertRpx(value: string): string {
  return value.includes('rpx') ? value.replace(RPX, (_m, n: string) => `calc(${n} * var(--rpx))`) : value;
}
