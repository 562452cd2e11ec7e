/** i18next setup: zh-CN by default, en-US switchable; dayjs and antd follow the same language. */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import 'dayjs/locale/zh-cn';
import zhCN from './locales/zh-CN';
import enUS from './locales/en-US';
import type { Locale } from '../api/types';

export const LOCALES: Locale[] = ['zh-CN', 'en-US'];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
const STORAGE_KEY = 'zhian.locale';

dayjs.extend(relativeTime);

export function normalizeLocale(value: string | null | undefined): Locale {
  return value === 'en-US' ? 'en-US' : DEFAULT_LOCALE;
}

function storedLocale(): Locale {
  try {
    return normalizeLocale(localStorage.getItem(STORAGE_KEY));
  } catch {
    return DEFAULT_LOCALE;
  }
}

function applyDocument(locale: Locale): void {
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = locale;
}

const initial = storedLocale();
applyDocument(initial);

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
  lng: initial,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: LOCALES,
  interpolation: { escapeValue: false },
  initAsync: false,
  showSupportNotice: false,
});

/** Switch the interface language (and remember it on this device for the login page). */
export async function changeLocale(locale: Locale): Promise<void> {
  applyDocument(locale);
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // private mode: the per-user setting on the server still holds
  }
  await i18n.changeLanguage(locale);
}

export function currentLocale(): Locale {
  return normalizeLocale(i18n.language);
}

export default i18n;
