/**
 * The start: who is this (GET /me)? Nobody → the login screen, drawn with React alone (a few
 * kilobytes beside React); the application (antd, router, language files, pages) is downloaded
 * only once someone is logged in, and is handed the user so it does not ask again. The login
 * screen is the first thing every user waits for, often on a phone.
 */
import { StrictMode, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { api, isApiError } from './platform/api/client';
import type { Locale, Me } from './platform/api/types';
import { normalizeLocale, rememberLocale, storedLocale } from './platform/i18n/stored';
import { LoginScreen, loginTexts } from './modules/auth/LoginScreen';
import './ui/global.css';

/** The user, null when nobody is logged in, undefined when the server could not say (the app shows why). */
async function whoIsThis(): Promise<Me | null | undefined> {
  try {
    return await api.get<Me>('/me', undefined, { skipUnauthorizedHandler: true });
  } catch (err) {
    return isApiError(err) && err.status === 401 ? null : undefined;
  }
}

async function startApp(root: Root, me: Me | undefined): Promise<void> {
  // the user's own language wins, and the app starts in it (one language file, not two)
  if (me) rememberLocale(normalizeLocale(me.locale));
  const app = await import('./app/start');
  await app.startApp(root, me);
}

/** Where to go after logging in: where the visitor was sent from (as the app's router keeps it). */
function returnPath(): string {
  const { pathname, search } = window.location;
  if (pathname !== '/login') return `${pathname}${search}`;
  const from = (history.state as { usr?: { from?: unknown } } | null)?.usr?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/';
}

function showLocale(locale: Locale) {
  document.documentElement.lang = locale;
  document.title = loginTexts(locale).appFullName;
}

function FirstLogin({ onLoggedIn }: { onLoggedIn: (me: Me) => void }) {
  const [locale, setLocale] = useState<Locale>(storedLocale);
  // only a language the visitor picked on this screen replaces the user's own
  const [picked, setPicked] = useState(false);
  return (
    <LoginScreen
      locale={locale}
      onLocale={(l) => {
        setLocale(l);
        setPicked(true);
        rememberLocale(l);
        showLocale(l);
      }}
      onLogin={async (username, password) => {
        let me = await api.post<Me>('/auth/login', { username, password }, { skipUnauthorizedHandler: true });
        // a language picked here becomes the user's own
        if (picked && normalizeLocale(me.locale) !== locale) me = await api.patch<Me>('/me', { locale }).catch(() => me);
        onLoggedIn(me);
      }}
    />
  );
}

async function start() {
  const root = createRoot(document.getElementById('root')!);
  const me = await whoIsThis();
  if (me !== null) return startApp(root, me);
  const target = returnPath();
  // the address bar says /login, as it does for the app's own login route
  if (window.location.pathname !== '/login') history.replaceState({ usr: { from: target } }, '', '/login');
  showLocale(storedLocale());
  root.render(
    <StrictMode>
      <FirstLogin
        onLoggedIn={(user) => {
          history.replaceState(null, '', target);
          void startApp(root, user);
        }}
      />
    </StrictMode>,
  );
}

void start();
