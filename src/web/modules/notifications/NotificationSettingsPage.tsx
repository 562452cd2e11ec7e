/** Placeholder until the page is built. */
import { useTranslation } from 'react-i18next';

export default function NotificationSettingsPage() {
  const { t } = useTranslation();
  return <div>{t('notifySettings.title')}</div>;
}
