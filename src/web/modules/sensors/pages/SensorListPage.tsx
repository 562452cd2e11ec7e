/** Placeholder until the page is built. */
import { useTranslation } from 'react-i18next';

export default function SensorListPage() {
  const { t } = useTranslation();
  return <div>{t('sensors.title')}</div>;
}
