/** 隐患列表: URL-driven filters, table on desktop / cards on phones, live "new hazards" notice. */
import { lazy, Suspense } from 'react';
import { FormOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../../platform/auth/AuthProvider';
import { PERM } from '../../../platform/auth/permissions';
import { ErrorState, PageLoading } from '../../../ui/States';
import { useIsPhone } from '../../../ui/useIsPhone';
import { HazardCards } from '../components/HazardCards';
import { HazardFilters } from '../components/HazardFilters';
import { ExportButton, ImportButton } from '../components/HazardLedger';
import { DEFAULT_SORT, useListQuery } from '../listParams';
import { useHazardList } from '../queries';
import { useFreshHazards } from '../useFreshHazards';
import { usePageTitle } from '../../../ui/usePageTitle';

// antd's Table is only needed on desktop; phones get cards and skip its download.
const HazardTable = lazy(() => import('../components/HazardTable').then((m) => ({ default: m.HazardTable })));

export default function HazardListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const phone = useIsPhone();
  const [query, update] = useListQuery();
  const list = useHazardList(query);
  const { fresh, count, dismiss } = useFreshHazards();
  usePageTitle(query.mine ? t('hazards.list.mineTitle') : t('hazards.list.pageTitle'));

  if (list.isError && !list.data) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;

  const notice =
    count > 0 ? (
      <Alert
        type="info"
        showIcon
        closable={{ onClose: dismiss }}
        title={t('hazards.list.newNotice', { count })}
        data-testid="hazard-new-notice"
        action={
          query.page !== 1 || query.sort !== DEFAULT_SORT ? (
            <Button
              size="small"
              type="link"
              onClick={() => {
                dismiss();
                update({ page: 1, sort: DEFAULT_SORT });
              }}
            >
              {t('hazards.list.showNewest')}
            </Button>
          ) : undefined
        }
        style={{ marginBottom: 12 }}
      />
    ) : null;

  const title = query.mine ? t('hazards.list.mineTitle') : t('hazards.list.pageTitle');
  const reportButton = can(PERM.report) ? (
    <Link to="/hazards/new">
      <Button type="primary" icon={<FormOutlined />}>
        {t('hazards.list.report')}
      </Button>
    </Link>
  ) : null;

  if (phone) {
    return (
      <div>
        <HazardFilters query={query} onChange={update} compact />
        {notice}
        <HazardCards
          query={query}
          data={list.data}
          loading={list.isFetching}
          fresh={fresh}
          onChange={update}
          empty={query.mine ? <Empty description={t('hazards.list.emptyMine')}>{reportButton}</Empty> : undefined}
        />
      </div>
    );
  }

  return (
    <Card>
      <Flex className="zhian-page-title" justify="space-between" align="center">
        <Typography.Title level={4}>{title}</Typography.Title>
        <Flex gap={8}>
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching} aria-label={t('common.refresh')} />
          <ExportButton query={query} />
          {can(PERM.editAny) && <ImportButton />}
          {reportButton}
        </Flex>
      </Flex>
      <HazardFilters query={query} onChange={update} />
      {notice}
      <Suspense fallback={<PageLoading />}>
        <HazardTable query={query} data={list.data} loading={list.isFetching} fresh={fresh} onChange={update} />
      </Suspense>
    </Card>
  );
}
