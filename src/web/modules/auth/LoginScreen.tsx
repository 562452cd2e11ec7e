/**
 * 登录: product name, username/password with their checks, the error, language switch and the demo
 * accounts. Drawn with React alone and its own Ant Design-like styles (login.css) — no antd, no
 * router, no i18next — because it is the first thing every user waits for, often on a phone: the
 * application itself is downloaded only once someone has logged in (src/web/main.tsx). The same
 * screen serves the app's /login route after a logout.
 */
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../platform/api/client';
import type { Locale } from '../../platform/api/types';
import logo from '../../favicon.svg';
import { loginEn, loginZh } from './locales';
import './login.css';

export const DEMO_PASSWORD = 'zhian123';
const DEMO_ACCOUNTS = ['admin', 'safety', 'production', 'equipment', 'hr', 'logistics', 'worker', 'committee'] as const;

export const loginTexts = (locale: Locale) => (locale === 'en-US' ? loginEn : loginZh);

export interface LoginScreenProps {
  locale: Locale;
  onLocale(locale: Locale): void;
  /** Resolves once logged in (the caller moves on); rejects with the API's error. */
  onLogin(username: string, password: string): Promise<void>;
}

const UserIcon = () => (
  <svg viewBox="64 64 896 896" width="1em" height="1em" fill="currentColor" aria-hidden="true">
    <path d="M858.5 763.6a374 374 0 00-80.6-119.5 375.63 375.63 0 00-119.5-80.6c-.4-.2-.8-.3-1.2-.5C719.5 518 760 444.7 760 362c0-137-111-248-248-248S264 225 264 362c0 82.7 40.5 156 102.8 201.1-.4.2-.8.3-1.2.5-44.8 18.9-85 46-119.5 80.6a375.63 375.63 0 00-80.6 119.5A371.7 371.7 0 00136 901.8a8 8 0 008 8.2h60c4.4 0 7.9-3.5 8-7.8 2-77.2 33-149.5 87.8-204.3 56.7-56.7 132-87.9 212.2-87.9s155.5 31.2 212.2 87.9C779 752.7 810 825 812 902.2c.1 4.4 3.6 7.8 8 7.8h60a8 8 0 008-8.2c-1-47.8-10.9-94.3-29.5-138.2zM512 534c-45.9 0-89.1-17.9-121.6-50.4S340 407.9 340 362c0-45.9 17.9-89.1 50.4-121.6S466.1 190 512 190s89.1 17.9 121.6 50.4S684 316.1 684 362c0 45.9-17.9 89.1-50.4 121.6S557.9 534 512 534z" />
  </svg>
);

const LockIcon = () => (
  <svg viewBox="64 64 896 896" width="1em" height="1em" fill="currentColor" aria-hidden="true">
    <path d="M832 464h-68V240c0-70.7-57.3-128-128-128H388c-70.7 0-128 57.3-128 128v224h-68c-17.7 0-32 14.3-32 32v384c0 17.7 14.3 32 32 32h640c17.7 0 32-14.3 32-32V496c0-17.7-14.3-32-32-32zM332 240c0-30.9 25.1-56 56-56h248c30.9 0 56 25.1 56 56v224H332V240zm460 600H232V536h560v304zM484 701v53c0 4.4 3.6 8 8 8h40c4.4 0 8-3.6 8-8v-53a48.01 48.01 0 10-56 0z" />
  </svg>
);

const EyeIcon = ({ open }: { open: boolean }) => (
  <svg viewBox="64 64 896 896" width="1em" height="1em" fill="currentColor" aria-hidden="true">
    <path d="M942.2 486.2C847.4 286.5 704.1 186 512 186c-192.2 0-335.4 100.5-430.2 300.3a60.3 60.3 0 000 51.5C176.6 737.5 319.9 838 512 838c192.2 0 335.4-100.5 430.2-300.3 7.7-16.2 7.7-35 0-51.5zM512 766c-161.3 0-279.4-81.8-362.7-254C232.6 339.8 350.7 258 512 258c161.3 0 279.4 81.8 362.7 254C791.5 684.2 673.4 766 512 766zm-4-430c-97.2 0-176 78.8-176 176s78.8 176 176 176 176-78.8 176-176-78.8-176-176-176zm0 288c-61.9 0-112-50.1-112-112s50.1-112 112-112 112 50.1 112 112-50.1 112-112 112z" />
    {!open && <path d="M160 160 L864 864" stroke="currentColor" strokeWidth="72" strokeLinecap="round" />}
  </svg>
);

function errorMessage(err: unknown, texts: typeof loginZh): string {
  if (isApiError(err)) return (texts.errors as Record<string, string>)[err.code] ?? (err.message || texts.errors.unexpected);
  return texts.errors.unexpected;
}

export function LoginScreen({ locale, onLocale, onLogin }: LoginScreenProps) {
  const texts = loginTexts(locale);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  // field checks show once the field was left or the form submitted, as antd's Form does
  const [touched, setTouched] = useState({ username: false, password: false });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const usernameMissing = touched.username && !username.trim();
  const passwordMissing = touched.password && !password;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched({ username: true, password: true });
    if (!username.trim() || !password || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onLogin(username.trim(), password);
    } catch (err) {
      setError(errorMessage(err, texts));
      setBusy(false);
    }
  };

  return (
    <div className="zhian-login">
      <div className="zhian-login-brand">
        <img src={logo} alt="" width={56} height={56} />
        <h1>{texts.appName}</h1>
        <div>{texts.appSubtitle}</div>
      </div>
      <div className="zhian-login-card lg-card">
        <div className="lg-head">
          <h4 className="lg-title">{texts.welcome}</h4>
          <div className="lg-segmented" role="radiogroup" data-testid="login-locale">
            {(['zh-CN', 'en-US'] as const).map((l) => (
              <button
                key={l}
                type="button"
                role="radio"
                aria-checked={locale === l}
                className={locale === l ? 'lg-segmented-item lg-selected' : 'lg-segmented-item'}
                onClick={() => onLocale(l)}
              >
                {l === 'zh-CN' ? '中文' : 'EN'}
              </button>
            ))}
          </div>
        </div>
        {error && (
          <div className="lg-alert" role="alert" data-testid="login-error">
            <svg viewBox="64 64 896 896" width="1em" height="1em" fill="currentColor" aria-hidden="true">
              <path d="M512 64C264.6 64 64 264.6 64 512s200.6 448 448 448 448-200.6 448-448S759.4 64 512 64zm127.98 274.82h-.04l-.08.06L512 466.75 384.14 338.88c-.04-.05-.06-.06-.08-.06a.12.12 0 00-.07 0c-.03 0-.05.01-.09.05l-45.02 45.02a.2.2 0 00-.05.09.12.12 0 000 .07v.02a.27.27 0 00.06.06L466.75 512 338.88 639.86c-.05.04-.06.06-.06.08a.12.12 0 000 .07c0 .03.01.05.05.09l45.02 45.02a.2.2 0 00.09.05.12.12 0 00.07 0c.02 0 .04-.01.08-.05L512 557.25l127.86 127.87c.04.04.06.05.08.05a.12.12 0 00.07 0c.03 0 .05-.01.09-.05l45.02-45.02a.2.2 0 00.05-.09.12.12 0 000-.07v-.02a.27.27 0 00-.05-.06L557.25 512l127.87-127.86c.04-.04.05-.06.05-.08a.12.12 0 000-.07c0-.03-.01-.05-.05-.09l-45.02-45.02a.2.2 0 00-.09-.05.12.12 0 00-.07 0z" />
            </svg>
            <span>{error}</span>
          </div>
        )}
        <form onSubmit={(e) => void submit(e)} noValidate autoComplete="on">
          <div className="lg-item">
            <label htmlFor="login-username">{texts.username}</label>
            <span className={usernameMissing ? 'lg-input lg-invalid' : 'lg-input'}>
              <span className="lg-prefix"><UserIcon /></span>
              <input
                id="login-username"
                name="username"
                value={username}
                onChange={(e) => setUsername(e.target.value)}
                onBlur={() => setTouched((t) => ({ ...t, username: true }))}
                autoComplete="username"
                autoCapitalize="none"
                autoFocus
                aria-invalid={usernameMissing}
                data-testid="login-username"
              />
            </span>
            <div className="lg-explain">{usernameMissing ? texts.usernameRequired : ''}</div>
          </div>
          <div className="lg-item">
            <label htmlFor="login-password">{texts.password}</label>
            <span className={passwordMissing ? 'lg-input lg-invalid' : 'lg-input'}>
              <span className="lg-prefix"><LockIcon /></span>
              <input
                id="login-password"
                name="password"
                type={showPassword ? 'text' : 'password'}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                onBlur={() => setTouched((t) => ({ ...t, password: true }))}
                autoComplete="current-password"
                aria-invalid={passwordMissing}
                data-testid="login-password"
              />
              <button type="button" className="lg-suffix" aria-label={texts.showPassword} aria-pressed={showPassword} onClick={() => setShowPassword((v) => !v)}>
                <EyeIcon open={showPassword} />
              </button>
            </span>
            <div className="lg-explain">{passwordMissing ? texts.passwordRequired : ''}</div>
          </div>
          <button type="submit" className={busy ? 'lg-button lg-loading' : 'lg-button'} disabled={busy} data-testid="login-submit">
            {busy && <span className="lg-spinner" aria-hidden="true" />}
            {texts.submit}
          </button>
        </form>
        <details className="lg-demo" data-testid="demo-accounts">
          <summary>{texts.demoTitle}</summary>
          <p>{texts.demoHint.replace('{password}', DEMO_PASSWORD)}</p>
          <div className="lg-tags">
            {DEMO_ACCOUNTS.map((u) => (
              <button
                key={u}
                type="button"
                className="lg-tag"
                data-testid={`demo-account-${u}`}
                onClick={() => {
                  setUsername(u);
                  setPassword(DEMO_PASSWORD);
                  setTouched({ username: false, password: false });
                  setError(null);
                }}
              >
                <span className="lg-mono">{u}</span>
                <span className="lg-muted"> · {texts.demo[u]}</span>
              </button>
            ))}
          </div>
        </details>
      </div>
      <div className="zhian-login-footer">{texts.footer}</div>
    </div>
  );
}
