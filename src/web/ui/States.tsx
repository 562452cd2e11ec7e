/** Loading and error placeholders shared by pages. */
import { Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { isApiError } from '../platform/api/client';
import { errorText } from './errors';

export function PageLoading() {
  return (
    <div className="zhian-page-loading">
      <Spin size="large" />
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const status = isApiError(error) ? error.status : 0;
  const resultStatus = status === 403 ? '403' : status === 404 ? '404' : 'error';
  return (
    <Result
      status={resultStatus}
      title={status === 404 ? t('common.notFound') : status === 403 ? t('common.forbidden') : t('common.loadFailed')}
      subTitle={errorText(error, t)}
      extra={[
        onRetry && status !== 404 && status !== 403 ? (
          <Button key="retry" type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : null,
        <Link key="home" to="/">
          <Button>{t('common.backHome')}</Button>
        </Link>,
      ]}
    />
  );
}

export function Forbidden() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('common.forbidden')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('common.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
