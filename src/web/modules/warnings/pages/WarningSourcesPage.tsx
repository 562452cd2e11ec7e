/**
 * 预警来源 (warnings.manage): who may send us warnings — each source's API key (only its prefix is
 * known after issuing; a new key is shown once), the senders it accepts, the feed it polls — and
 * the 隔离区 of messages that were refused.
 */
import { useState } from 'react';
import { EditOutlined, KeyOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Modal, Popconfirm, Switch, Table, Tabs, Tag, Typography, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { RelativeTime } from '../../../ui/DateTime';
import { errorText } from '../../../ui/errors';
import { ErrorState } from '../../../ui/States';
import { useIsPhone } from '../../../ui/useIsPhone';
import { usePageTitle } from '../../../ui/usePageTitle';
import { QuarantineList } from '../components/QuarantineList';
import { SourceEditor } from '../components/SourceEditor';
import { useIssueKey, useSaveSource, useSources } from '../queries';
import type { WarningSource } from '../types';

/** The new key, once: copy it now, it cannot be shown again. */
function KeyModal({ issued, onClose }: { issued: { name: string; key: string } | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      title={`${t('warnings.sources.keyTitle')} · ${issued?.name ?? ''}`}
      open={!!issued}
      onCancel={onClose}
      footer={<Button type="primary" onClick={onClose}>{t('common.ok')}</Button>}
      maskClosable={false}
    >
      <Alert type="warning" showIcon title={t('warnings.sources.keyOnce')} style={{ marginBottom: 12 }} />
      <Typography.Paragraph
        copyable={{ text: issued?.key, tooltips: [t('warnings.sources.copy'), t('warnings.sources.copied')] }}
        code
        style={{ fontSize: 15, wordBreak: 'break-all', margin: 0 }}
        data-testid="warning-source-key"
      >
        {issued?.key}
      </Typography.Paragraph>
    </Modal>
  );
}

function SourcesTable({ onEdit }: { onEdit: (s: WarningSource) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const sources = useSources();
  const issue = useIssueKey();
  const save = useSaveSource();
  const [issued, setIssued] = useState<{ name: string; key: string } | null>(null);
  if (sources.isError && !sources.data) return <ErrorState error={sources.error} onRetry={() => void sources.refetch()} />;

  const newKey = async (s: WarningSource) => {
    try {
      const r = await issue.mutateAsync(s.id);
      setIssued({ name: s.name, key: r.key });
    } catch (err) {
      message.error(errorText(err, t));
    }
  };
  const toggle = async (s: WarningSource, enabled: boolean) => {
    try {
      await save.mutateAsync({ id: s.id, body: { version: s.version, enabled } });
    } catch (err) {
      message.error(errorText(err, t));
    }
  };

  const columns: TableProps<WarningSource>['columns'] = [
    {
      key: 'name',
      title: t('warnings.sources.name'),
      width: 200,
      render: (_, s) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{s.name}</Typography.Text>
          <span>
            <Tag>{t(`warnings.sources.kinds.${s.kind}`, { defaultValue: s.kind })}</Tag>
          </span>
        </Flex>
      ),
    },
    {
      key: 'key',
      title: t('warnings.sources.keyPrefix'),
      width: 220,
      render: (_, s) => (
        <Flex vertical gap={4} align="flex-start">
          {s.keyPrefix ? <Typography.Text code>{s.keyPrefix}…</Typography.Text> : <Typography.Text type="secondary">{t('warnings.sources.noKey')}</Typography.Text>}
          {s.keyIssuedAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <RelativeTime value={s.keyIssuedAt} />
            </Typography.Text>
          )}
          <Popconfirm title={t('warnings.sources.newKeyConfirm')} disabled={!s.hasKey} onConfirm={() => newKey(s)}>
            <Button size="small" icon={<KeyOutlined />} loading={issue.isPending && issue.variables === s.id} onClick={s.hasKey ? undefined : () => void newKey(s)} data-testid="warning-source-new-key">
              {t('warnings.sources.newKey')}
            </Button>
          </Popconfirm>
        </Flex>
      ),
    },
    {
      key: 'allowlist',
      title: t('warnings.sources.allowlist'),
      render: (_, s) =>
        s.senderAllowlist.length ? (
          <Flex wrap gap={4}>
            {s.senderAllowlist.map((x) => (
              <Tag key={x} style={{ marginInlineEnd: 0 }}>
                {x}
              </Tag>
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('warnings.rules.anyValue')}</Typography.Text>
        ),
    },
    {
      key: 'delivery',
      title: t('warnings.sources.delivery'),
      width: 280,
      render: (_, s) =>
        s.feedUrl ? (
          <Flex vertical gap={2} style={{ fontSize: 12, minWidth: 0 }}>
            <Typography.Text style={{ fontSize: 12 }}>{t('warnings.sources.poll', { seconds: s.pollSeconds })}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: s.feedUrl }}>
              {s.feedUrl}
            </Typography.Text>
            {s.lastPolledAt && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('warnings.sources.lastPolled')} <RelativeTime value={s.lastPolledAt} />
              </Typography.Text>
            )}
            {s.lastPollError && (
              <Typography.Text type="danger" style={{ fontSize: 12 }} ellipsis={{ tooltip: s.lastPollError }}>
                {t('warnings.sources.lastError')}：{s.lastPollError}
              </Typography.Text>
            )}
          </Flex>
        ) : (
          <Typography.Text>{t('warnings.sources.push')}</Typography.Text>
        ),
    },
    {
      key: 'enabled',
      title: t('warnings.sources.enabled'),
      width: 80,
      render: (_, s) => <Switch checked={s.enabled} size="small" onChange={(v) => void toggle(s, v)} loading={save.isPending && save.variables?.id === s.id} aria-label={t('warnings.sources.enabled')} />,
    },
    { key: 'ops', width: 60, fixed: 'right', render: (_, s) => <Button type="text" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => onEdit(s)} data-testid="warning-source-edit" /> },
  ];
  return (
    <>
      <div data-testid="warning-sources">
        <Table<WarningSource>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={sources.data}
          loading={sources.isFetching}
          scroll={{ x: 1050 }}
          pagination={false}
          locale={{ emptyText: <Empty description={t('warnings.sources.empty')} /> }}
          onRow={(s) => ({ 'data-testid': 'warning-source-row', 'data-name': s.name }) as React.HTMLAttributes<HTMLElement>}
        />
      </div>
      <KeyModal issued={issued} onClose={() => setIssued(null)} />
    </>
  );
}

export default function WarningSourcesPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const sources = useSources();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'quarantine' ? 'quarantine' : 'sources';
  const [editing, setEditing] = useState<{ source: WarningSource | null } | null>(null);
  usePageTitle(t('warnings.sources.title'));
  return (
    <Card styles={{ body: phone ? { padding: 12 } : undefined }}>
      <Flex className="zhian-page-title" justify="space-between" align="center" gap={8}>
        <Typography.Title level={phone ? 5 : 4}>{t('warnings.sources.title')}</Typography.Title>
        <Flex gap={8}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ source: null })} data-testid="warning-source-add">
            {t('warnings.sources.add')}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={() => void sources.refetch()} loading={sources.isFetching} aria-label={t('common.refresh')} />
        </Flex>
      </Flex>
      <Typography.Paragraph type="secondary">{t('warnings.sources.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'sources' ? {} : { tab: k }, { replace: true })}
        items={[
          { key: 'sources', label: t('warnings.sources.tabSources'), children: <SourcesTable onEdit={(s) => setEditing({ source: s })} /> },
          { key: 'quarantine', label: <span data-testid="warning-quarantine-tab">{t('warnings.sources.tabQuarantine')}</span>, children: <QuarantineList /> },
        ]}
      />
      <SourceEditor source={editing?.source ?? null} open={!!editing} onClose={() => setEditing(null)} />
    </Card>
  );
}
