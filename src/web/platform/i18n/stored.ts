/**
 * The language remembered on this device, without i18next: the login screen reads and writes it
 * before the application (and its language files) is downloaded.
 */
import type { Locale } from '../api/types';

export const DEFAULT_LOCALE: Locale = 'zh-CN';
const STORAGE_KEY = 'zhian.locale';

export function normalizeLocale(value: string | null | undefined): Locale {
  return value === 'en-US' ? 'en-US' : DEFAULT_LOCALE;
}

export function storedLocale(): Locale {
  try {
    return normalizeLocale(localStorage.getItem(STORAGE_KEY));
  } catch {
    return DEFAULT_LOCALE;
  }
}

export function rememberLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // private mode: the per-user setting on the server still holds
  }
}
