/**
 * Loading and error placeholders shared by pages. Deliberately not antd's Result: its
 * illustrations would weigh on the first load, and these render in the shell.
 */
import type { ReactNode } from 'react';
import { CloseCircleFilled, ExclamationCircleFilled, StopOutlined } from '@ant-design/icons';
import { Button, Flex, Spin, Typography } from 'antd';
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

interface StateProps {
  icon: ReactNode;
  title: ReactNode;
  detail?: ReactNode;
  actions?: ReactNode;
  testId?: string;
}

export function StateMessage({ icon, title, detail, actions, testId }: StateProps) {
  return (
    <Flex vertical align="center" gap={8} style={{ padding: '48px 16px', textAlign: 'center' }} data-testid={testId}>
      <div style={{ fontSize: 56, lineHeight: 1 }}>{icon}</div>
      <Typography.Title level={4} style={{ margin: '8px 0 0' }}>
        {title}
      </Typography.Title>
      {detail && <Typography.Text type="secondary">{detail}</Typography.Text>}
      {actions && (
        <Flex gap={8} style={{ marginTop: 16 }}>
          {actions}
        </Flex>
      )}
    </Flex>
  );
}

function HomeButton({ primary = false }: { primary?: boolean }) {
  const { t } = useTranslation();
  return (
    <Link to="/">
      <Button type={primary ? 'primary' : 'default'}>{t('common.backHome')}</Button>
    </Link>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const status = isApiError(error) ? error.status : 0;
  if (status === 404) return <NotFound detail={errorText(error, t)} />;
  if (status === 403) return <Forbidden />;
  return (
    <StateMessage
      testId="error-state"
      icon={<CloseCircleFilled style={{ color: '#ff4d4f' }} />}
      title={t('common.loadFailed')}
      detail={errorText(error, t)}
      actions={
        <>
          {onRetry && (
            <Button type="primary" onClick={onRetry}>
              {t('common.retry')}
            </Button>
          )}
          <HomeButton />
        </>
      }
    />
  );
}

export function Forbidden() {
  const { t } = useTranslation();
  return <StateMessage testId="forbidden" icon={<StopOutlined style={{ color: '#faad14' }} />} title="403" detail={t('common.forbidden')} actions={<HomeButton primary />} />;
}

export function NotFound({ detail }: { detail?: string }) {
  const { t } = useTranslation();
  return (
    <StateMessage
      testId="not-found"
      icon={<ExclamationCircleFilled style={{ color: '#1677ff' }} />}
      title={t('common.notFound')}
      detail={detail}
      actions={<HomeButton primary />}
    />
  );
}
