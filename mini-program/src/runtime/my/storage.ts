/** my.get/set/removeStorage(Sync), my.clearStorage(Sync): localStorage under a prefix, values as JSON. */
import { api, syncApi } from './api.js';

const PREFIX = 'alimock:';

type KeyArg = { key?: unknown } | string | undefined;
const keyOf = (arg: KeyArg): string => String(typeof arg === 'string' ? arg : (arg?.key ?? ''));

function read(key: string): unknown {
  const raw = localStorage.getItem(PREFIX + key);
  if (raw === null) return null;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

export const getStorageSync = syncApi('getStorageSync', (arg: KeyArg) => ({ data: read(keyOf(arg)) }));
export const setStorageSync = syncApi('setStorageSync', (arg: { key?: unknown; data?: unknown }) => {
  localStorage.setItem(PREFIX + keyOf(arg), JSON.stringify(arg?.data ?? null));
  return { success: true };
});
export const removeStorageSync = syncApi('removeStorageSync', (arg: KeyArg) => {
  localStorage.removeItem(PREFIX + keyOf(arg));
  return { success: true };
});
export const clearStorageSync = syncApi('clearStorageSync', () => {
  for (const k of Object.keys(localStorage)) if (k.startsWith(PREFIX)) localStorage.removeItem(k);
  return { success: true };
});

export const getStorage = api('getStorage', (o) => ({ ok: true, result: { data: read(keyOf(o as KeyArg)) } }));
export const setStorage = api('setStorage', (o) => {
  localStorage.setItem(PREFIX + keyOf(o as KeyArg), JSON.stringify(o.data ?? null));
  return { ok: true, result: { success: true } };
});
export const removeStorage = api('removeStorage', (o) => {
  localStorage.removeItem(PREFIX + keyOf(o as KeyArg));
  return { ok: true, result: { success: true } };
});
export const clearStorage = api('clearStorage', () => {
  for (const k of Object.keys(localStorage)) if (k.startsWith(PREFIX)) localStorage.removeItem(k);
  return { ok: true, result: { success: true } };
});
