/** Placeholder until the page is built. */
import { useTranslation } from 'react-i18next';

export default function WarningListPage() {
  const { t } = useTranslation();
  return <div>{t('warnings.title')}</div>;
}
