/**
 * 资质核查 (人事部): a check per hazard about equipment — is everyone who operates it qualified?
 * Missing and expired certificates in red; HR confirms after verifying. New checks arrive live.
 * ?check=<id> (from a notification) shows that one check.
 */
import { useState } from 'react';
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Pagination, Segmented, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ErrorState } from '../../ui/States';
import { useIsPhone } from '../../ui/useIsPhone';
import { usePageTitle } from '../../ui/usePageTitle';
import { CHECK_STATUSES, type CheckStatus } from './api';
import { CheckCard } from './components/CheckCard';
import { useCheck, useChecks, useQualificationsLive } from './queries';

const PAGE_SIZE = 10;

export default function QualificationChecksPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const only = params.get('check');
  const status = CHECK_STATUSES.includes(params.get('status') as CheckStatus) ? (params.get('status') as CheckStatus) : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const list = useChecks({ status, page, pageSize: PAGE_SIZE }, !only);
  const single = useCheck(only);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  useQualificationsLive((id, type) => {
    if (id && type === 'qualification.created') setFresh((s) => new Set([...s, id]));
  });
  usePageTitle(t('qualifications.pageTitle'));

  const update = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '' || (k === 'page' && v === 1)) next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next, { replace: true });
  };

  const query = only ? single : list;
  if (query.isError && !query.data) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const checks = only ? (single.data ? [single.data] : []) : (list.data?.items ?? []);

  return (
    <Card variant={phone ? 'borderless' : 'outlined'} styles={{ body: phone ? { padding: 0 } : undefined }}>
      <Flex className="zhian-page-title" justify="space-between" align="center">
        <Typography.Title level={4}>{t('qualifications.pageTitle')}</Typography.Title>
        <Button icon={<ReloadOutlined />} onClick={() => void query.refetch()} loading={query.isFetching} aria-label={t('common.refresh')} />
      </Flex>
      <Typography.Paragraph type="secondary">{t('qualifications.intro')}</Typography.Paragraph>
      {only ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('qualifications.showingOne')}
          action={
            <Button size="small" type="link" onClick={() => update({ check: undefined })}>
              {t('qualifications.showAll')}
            </Button>
          }
        />
      ) : (
        <div style={{ marginBottom: 16 }}>
          <Segmented
            value={status ?? 'all'}
            onChange={(v) => update({ status: v === 'all' ? undefined : String(v), page: 1 })}
            options={[{ value: 'all', label: t('common.all') }, ...CHECK_STATUSES.map((s) => ({ value: s, label: t(`qualifications.status.${s}`) }))]}
            data-testid="qualification-status-filter"
          />
        </div>
      )}
      {query.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : checks.length === 0 ? (
        <Empty description={t('qualifications.empty')} />
      ) : (
        <Flex vertical gap={16} data-testid="qualification-list">
          {checks.map((c) => (
            <CheckCard key={c.id} check={c} fresh={fresh.has(c.id)} onReload={() => query.refetch()} />
          ))}
        </Flex>
      )}
      {!only && (list.data?.total ?? 0) > PAGE_SIZE && (
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Pagination current={page} pageSize={PAGE_SIZE} total={list.data?.total} onChange={(p) => update({ page: p })} showSizeChanger={false} />
        </Flex>
      )}
    </Card>
  );
}
