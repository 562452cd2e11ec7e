/** i18next setup: zh-CN by default, en-US switchable; dayjs and antd follow the same language. */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import 'dayjs/locale/zh-cn';
import type { Locale } from '../api/types';
import { DEFAULT_LOCALE, normalizeLocale, rememberLocale, storedLocale } from './stored';

export { DEFAULT_LOCALE, normalizeLocale };
export const LOCALES: Locale[] = ['zh-CN', 'en-US'];

dayjs.extend(relativeTime);

function applyDocument(locale: Locale): void {
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = locale;
}

/** Each language's texts are their own chunk, fetched when that language is first shown. */
const MESSAGES: Record<Locale, () => Promise<{ default: object }>> = {
  'zh-CN': () => import('./locales/zh-CN'),
  'en-US': () => import('./locales/en-US'),
};

async function loadLocale(locale: Locale): Promise<void> {
  if (i18n.hasResourceBundle(locale, 'translation')) return;
  const { default: messages } = await MESSAGES[locale]();
  i18n.addResourceBundle(locale, 'translation', messages);
}

const initial = storedLocale();
applyDocument(initial);

void i18n.use(initReactI18next).init({
  resources: {},
  lng: initial,
  // no fallback language: both have every key (shape.ts), and a fallback would be fetched too
  fallbackLng: false,
  supportedLngs: LOCALES,
  interpolation: { escapeValue: false },
  initAsync: false,
  showSupportNotice: false,
});

/** Resolves once the texts of the language to start in are loaded (main.tsx renders then). */
export const i18nReady: Promise<void> = loadLocale(initial);

/** Switch the interface language (and remember it on this device for the login page). */
export async function changeLocale(locale: Locale): Promise<void> {
  await loadLocale(locale);
  applyDocument(locale);
  rememberLocale(locale);
  await i18n.changeLanguage(locale);
}

export function currentLocale(): Locale {
  return normalizeLocale(i18n.language);
}

export default i18n;
