/** 隔离区: messages refused at the door, newest first; the problems and the raw text open below each row. */
import { useState } from 'react';
import { Empty, Flex, Table, Tag, Typography, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../ui/DateTime';
import { ErrorState } from '../../../ui/States';
import { useQuarantine } from '../queries';
import type { QuarantineItem } from '../types';

const PAGE_SIZE = 20;

function Expanded({ q }: { q: QuarantineItem }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8} data-testid="warning-quarantine-detail">
      {q.details && q.details.length > 0 && (
        <div>
          <Typography.Text strong>{t('warnings.quarantine.details')}</Typography.Text>
          <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
            {q.details.map((d, i) => (
              <li key={i}>
                {d.path && <Typography.Text code>{d.path}</Typography.Text>} {d.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div>
        <Typography.Text strong>{t('warnings.quarantine.raw')}</Typography.Text>
        <pre className="zhian-raw-block" style={{ maxHeight: 320, overflow: 'auto', background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6, padding: 10, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all', margin: '4px 0 0' }}>
          {q.raw}
        </pre>
      </div>
    </Flex>
  );
}

export function QuarantineList() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const list = useQuarantine(page, PAGE_SIZE);
  if (list.isError && !list.data) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const columns: TableProps<QuarantineItem>['columns'] = [
    { key: 'at', title: t('warnings.quarantine.receivedAt'), width: 150, render: (_, q) => formatDateTime(q.receivedAt) },
    { key: 'source', title: t('warnings.quarantine.source'), width: 140, ellipsis: true, render: (_, q) => q.sourceName ?? '—' },
    {
      key: 'reason',
      title: t('warnings.quarantine.reason'),
      render: (_, q) => (
        <Flex vertical gap={2}>
          <span>
            <Tag color="red" data-reason={q.reason}>
              {t(`warnings.quarantine.reasons.${q.reason}` as 'warnings.quarantine.reasons.invalid', { defaultValue: q.reason })}
            </Tag>
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: q.message }}>
            {q.message}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'identifier',
      title: `${t('warnings.quarantine.identifier')} / ${t('warnings.quarantine.sender')}`,
      width: 280,
      render: (_, q) => (
        <Flex vertical style={{ fontSize: 12 }}>
          <Typography.Text style={{ fontSize: 12, wordBreak: 'break-all' }}>{q.identifier ?? '—'}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {q.sender ?? ''}
          </Typography.Text>
        </Flex>
      ),
    },
  ];
  return (
    <div data-testid="warning-quarantine">
      <Typography.Paragraph type="secondary">{t('warnings.quarantine.intro')}</Typography.Paragraph>
      <Table<QuarantineItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        scroll={{ x: 800 }}
        expandable={{ expandedRowRender: (q) => <Expanded q={q} />, expandRowByClick: true }}
        locale={{ emptyText: <Empty description={t('warnings.quarantine.empty')} /> }}
        onRow={(q) => ({ 'data-testid': 'warning-quarantine-row', 'data-reason': q.reason }) as React.HTMLAttributes<HTMLElement>}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true, showTotal: (n) => t('common.total', { count: n }) }}
      />
    </div>
  );
}
