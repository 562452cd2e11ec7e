/**
 * 统一标准: the tenant's standards by section (current or any earlier version), the edit form
 * for the configurable parts, the live calculator, version history and department mappings.
 */
import { useState } from 'react';
import { EditOutlined, HistoryOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Table, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { formatDateTime } from '../../../ui/DateTime';
import { ErrorState, PageLoading } from '../../../ui/States';
import { usePageTitle } from '../../../ui/usePageTitle';
import type { VersionItem } from '../api';
import { Calculator } from '../components/Calculator';
import { EditStandardsModal } from '../components/EditStandardsModal';
import { MappingsTab } from '../components/MappingsTab';
import { AccidentLevelsView, FourColoursView, HazardGradeView, LecView, LsView, WeatherLevelsView } from '../components/StandardsTables';
import { HazardTypesView, ReportingView, SpecialEquipmentView, TrainingView } from '../components/RuleSections';
import { useStandards, useStandardsVersion, useStandardsVersions } from '../queries';

const TABS = [
  'hazardGrade',
  'lec',
  'ls',
  'fourColours',
  'accident',
  'weather',
  'hazardTypes',
  'specialEquipment',
  'training',
  'reporting',
  'calculator',
  'mappings',
  'history',
] as const;
type TabKey = (typeof TABS)[number];
/** Tabs of the periodic, training and reporting sections: their texts are in the module's locales. */
const RULE_TABS = ['hazardTypes', 'specialEquipment', 'training', 'reporting'] as const;
const isRuleTab = (k: TabKey): k is (typeof RULE_TABS)[number] => (RULE_TABS as readonly string[]).includes(k);

function History({ viewing, onView }: { viewing: number; onView: (v: number) => void }) {
  const { t } = useTranslation();
  const versions = useStandardsVersions();
  if (versions.isError) return <ErrorState error={versions.error} onRetry={() => void versions.refetch()} />;
  return (
    <Table<VersionItem>
      data-testid="standards-history"
      rowKey="version"
      size="small"
      loading={versions.isLoading}
      dataSource={versions.data?.items ?? []}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      columns={[
        {
          title: t('standards.history.version'),
          key: 'version',
          width: 160,
          render: (_, v) => (
            <Flex gap={6} align="center">
              {t('standards.versionN', { version: v.version })}
              {v.current && <Tag color="blue">{t('standards.current')}</Tag>}
            </Flex>
          ),
        },
        { title: t('standards.history.createdAt'), key: 'at', width: 170, render: (_, v) => formatDateTime(v.createdAt) },
        { title: t('standards.history.createdBy'), key: 'by', width: 140, render: (_, v) => v.createdBy?.displayName ?? t('standards.history.system') },
        { title: t('standards.history.note'), dataIndex: 'note' },
        {
          title: '',
          key: 'view',
          width: 90,
          render: (_, v) =>
            v.version === viewing ? (
              <Typography.Text type="secondary">{t('standards.history.viewing')}</Typography.Text>
            ) : (
              <Button size="small" type="link" onClick={() => onView(v.version)} data-testid={`view-version-${v.version}`}>
                {t('standards.history.view')}
              </Button>
            ),
        },
      ]}
    />
  );
}

export default function StandardsPage() {
  const { t } = useTranslation();
  usePageTitle(t('standards.pageTitle'));
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TabKey) : 'ls';
  const requested = Number(params.get('version')) || null;
  const current = useStandards();
  const old = useStandardsVersion(requested && current.data && requested !== current.data.version ? requested : null);
  const [editing, setEditing] = useState(false);

  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };

  if (current.isError) return <ErrorState error={current.error} onRetry={() => void current.refetch()} />;
  if (!current.data) return <PageLoading />;
  const shown = old.data ?? current.data;
  const isOld = !!old.data && !old.data.current;
  const doc = shown.document;
  const defaulted = shown.defaultedSections ?? [];
  const canManage = current.data.can.manage;

  const section = (key: TabKey) => {
    switch (key) {
      case 'hazardGrade':
        return <HazardGradeView doc={doc} />;
      case 'lec':
        return <LecView doc={doc} />;
      case 'ls':
        return <LsView doc={doc} />;
      case 'fourColours':
        return <FourColoursView doc={doc} />;
      case 'accident':
        return <AccidentLevelsView doc={doc} />;
      case 'weather':
        return <WeatherLevelsView doc={doc} />;
      case 'hazardTypes':
        return <HazardTypesView doc={doc} defaulted={defaulted} />;
      case 'specialEquipment':
        return <SpecialEquipmentView doc={doc} defaulted={defaulted} />;
      case 'training':
        return <TrainingView doc={doc} defaulted={defaulted} />;
      case 'reporting':
        return <ReportingView doc={doc} defaulted={defaulted} />;
      case 'calculator':
        return <Calculator doc={doc} version={shown.version} />;
      case 'mappings':
        return <MappingsTab doc={current.data!.document} canManage={canManage} />;
      case 'history':
        return <History viewing={shown.version} onView={(v) => set({ version: v === current.data!.version ? null : String(v), tab: 'ls' })} />;
    }
  };

  return (
    <Card data-testid="standards-page" data-version={shown.version}>
      <Flex className="zhian-page-title" justify="space-between" align="flex-start" gap={16} wrap>
        <Flex vertical gap={4} style={{ flex: '1 1 480px', minWidth: 0 }}>
          <Flex align="center" gap={10}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('standards.pageTitle')}
            </Typography.Title>
            <Tag color={isOld ? 'default' : 'blue'} data-testid="standards-version">
              {t('standards.versionN', { version: shown.version })}
              {!isOld && ` · ${t('standards.current')}`}
            </Tag>
          </Flex>
          <Typography.Text type="secondary">{t('standards.intro')}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {shown.createdBy
              ? t('standards.savedBy', { name: shown.createdBy.displayName, time: formatDateTime(shown.createdAt) })
              : `${t('standards.systemDefaults')} · ${formatDateTime(shown.createdAt)}`}
            {shown.note && shown.createdBy ? ` · ${t('standards.note')}：${shown.note}` : ''}
          </Typography.Text>
        </Flex>
        <Flex gap={8}>
          <Button icon={<HistoryOutlined />} onClick={() => set({ tab: 'history' })}>
            {t('standards.tabs.history')}
          </Button>
          {canManage && !isOld && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="standards-edit">
              {t('standards.edit.button')}
            </Button>
          )}
        </Flex>
      </Flex>
      {isOld && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="standards-old-version"
          title={t('standards.viewingOld', { version: shown.version, current: current.data.version })}
          action={
            <Button size="small" onClick={() => set({ version: null })}>
              {t('standards.backToCurrent')}
            </Button>
          }
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k })}
        items={TABS.map((k) => ({ key: k, label: isRuleTab(k) ? t(`standardsRules.tabs.${k}`) : t(`standards.tabs.${k}`), children: section(k) }))}
        destroyOnHidden
      />
      {editing && <EditStandardsModal open onClose={() => setEditing(false)} doc={current.data.document} version={current.data.version} />}
    </Card>
  );
}
