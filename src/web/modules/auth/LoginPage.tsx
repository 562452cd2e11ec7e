/** The app's /login route (after a logout or an expired session): the same screen as the first start. */
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../platform/auth/AuthProvider';
import { normalizeLocale } from '../../platform/i18n';
import { usePageTitle } from '../../ui/usePageTitle';
import { LoginScreen } from './LoginScreen';

export default function LoginPage() {
  const { i18n } = useTranslation();
  const { login, setLocale } = useAuth();
  usePageTitle(undefined);
  // on success the /login route redirects (to where the user came from) as soon as `me` is set
  return <LoginScreen locale={normalizeLocale(i18n.language)} onLocale={(l) => void setLocale(l)} onLogin={async (u, p) => void (await login(u, p))} />;
}
