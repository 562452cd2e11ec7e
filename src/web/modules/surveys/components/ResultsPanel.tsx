/** Results for managers and analysts: the rounds, then the chosen round's means, per department (hidden below three responses), and comments. */
import { useMemo, useState, type HTMLAttributes } from 'react';
import { App, Button, Card, Col, Empty, Flex, List, Popconfirm, Row, Select, Space, Statistic, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../ui/errors';
import { ErrorState } from '../../../ui/States';
import { useIsPhone } from '../../../ui/useIsPhone';
import { questionText, type DepartmentResult, type RoundState, type RoundSummary, type SurveyResults } from '../api';
import { useOpenRound, useResults, useRounds } from '../queries';
import { fmtDate, fmtMean, quarterLabel } from './format';
import { MeansChart } from './MeansChart';

const STATE_COLOR: Record<RoundState, string> = { open: 'processing', closed: 'default', upcoming: 'warning' };

/** The quarter (UTC+8) of now, as the server counts it. */
function quarterNow(): string {
  const d = new Date(Date.now() + 8 * 3600_000);
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

export function ResultsPanel({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const rounds = useRounds(true);
  const [selected, setSelected] = useState<string>();
  const id = selected ?? rounds.data?.[0]?.id;
  const results = useResults(id);

  if (rounds.isError && !rounds.data) return <ErrorState error={rounds.error} onRetry={() => void rounds.refetch()} />;
  const hasThisQuarter = !!rounds.data?.some((r) => r.quarter === quarterNow());

  const stateTag = (r: RoundSummary) => <Tag color={STATE_COLOR[r.state]}>{t(`surveys.results.state.${r.state}`)}</Tag>;
  const columns: TableProps<RoundSummary>['columns'] = [
    { key: 'quarter', title: t('surveys.results.rounds'), render: (_, r) => <Typography.Text strong={r.id === id}>{quarterLabel(t, r.quarter)}</Typography.Text> },
    { key: 'state', title: '', width: 90, render: (_, r) => stateTag(r) },
    { key: 'window', title: t('surveys.results.window'), render: (_, r) => `${fmtDate(r.opensAt)} ~ ${fmtDate(r.closesAt)}` },
    { key: 'responses', title: t('surveys.results.responses'), width: 100, align: 'right', render: (_, r) => r.responses },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="survey-results">
      <Flex justify="space-between" align="center" gap={8} wrap>
        {phone ? (
          <Select
            style={{ flex: 1, minWidth: 200 }}
            value={id}
            onChange={setSelected}
            loading={rounds.isLoading}
            options={rounds.data?.map((r) => ({ value: r.id, label: `${quarterLabel(t, r.quarter)} · ${t(`surveys.results.state.${r.state}`)} · ${t('surveys.results.responsesN', { count: r.responses })}` }))}
            data-testid="survey-round-select"
          />
        ) : (
          <Typography.Text type="secondary">{t('surveys.results.roundsCount', { count: rounds.data?.length ?? 0 })}</Typography.Text>
        )}
        {canManage && <OpenRoundButton disabled={hasThisQuarter} />}
      </Flex>
      {!phone && (
        <Table<RoundSummary>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rounds.data}
          loading={rounds.isLoading}
          pagination={false}
          locale={{ emptyText: <Empty description={t('surveys.results.noRounds')} /> }}
          rowClassName={(r) => (r.id === id ? 'ant-table-row-selected zhian-clickable-row' : 'zhian-clickable-row')}
          onRow={(r) => ({ onClick: () => setSelected(r.id), 'data-testid': `survey-round-${r.quarter}` }) as HTMLAttributes<HTMLElement>}
        />
      )}
      {rounds.data && rounds.data.length === 0 && phone && <Empty description={t('surveys.results.noRounds')} />}
      {results.isError && !results.data ? <ErrorState error={results.error} onRetry={() => void results.refetch()} /> : null}
      {results.data && <RoundResults r={results.data} />}
    </Space>
  );
}

function OpenRoundButton({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const open = useOpenRound();
  return (
    <Popconfirm
      title={t('surveys.results.createConfirm')}
      disabled={disabled}
      onConfirm={async () => {
        try {
          const r = await open.mutateAsync();
          message.success(t('surveys.results.created', { title: `${quarterLabel(t, r.quarter)} ${t('surveys.title')}` }));
        } catch (err) {
          message.error(errorText(err, t));
        }
      }}
    >
      <Tooltip title={disabled ? t('surveys.results.exists') : undefined}>
        <Button type="primary" icon={<PlusOutlined />} disabled={disabled} loading={open.isPending} data-testid="survey-open">
          {t('surveys.results.create')}
        </Button>
      </Tooltip>
    </Popconfirm>
  );
}

function RoundResults({ r }: { r: SurveyResults }) {
  const { t, i18n } = useTranslation();
  const phone = useIsPhone();
  const items = useMemo(() => r.questions.map((q) => ({ label: questionText(q, i18n.language), mean: q.mean })), [r, i18n.language]);
  const rate = r.responseRate === null ? '—' : `${Math.round(r.responseRate * 100)}%`;

  const deptName = (d: DepartmentResult) => d.departmentName || t('surveys.results.noDepartment');
  const hiddenText = <Typography.Text type="secondary">{t('surveys.results.hidden', { min: r.minResponses })}</Typography.Text>;
  const columns: TableProps<DepartmentResult>['columns'] = [
    { key: 'name', title: t('surveys.results.department'), fixed: 'left', width: 120, render: (_, d) => deptName(d) },
    { key: 'n', title: t('surveys.results.responses'), width: 80, align: 'right', render: (_, d) => d.responses },
    {
      key: 'mean',
      title: t('surveys.results.score'),
      width: 80,
      align: 'right',
      onCell: (d) => ({ colSpan: d.hidden ? r.questions.length + 1 : 1, style: d.hidden ? { textAlign: 'left' } : undefined }),
      render: (_, d) => (d.hidden ? hiddenText : <Typography.Text strong>{fmtMean(d.mean)}</Typography.Text>),
    },
    ...r.questions.map((q, i) => ({
      key: q.key,
      title: (
        <Tooltip title={questionText(q, i18n.language)}>
          <span>{`Q${i + 1}`}</span>
        </Tooltip>
      ),
      width: 70,
      align: 'right' as const,
      onCell: (d: DepartmentResult) => ({ colSpan: d.hidden ? 0 : 1 }),
      render: (_: unknown, d: DepartmentResult) => fmtMean(d.means?.[q.key]),
    })),
  ];

  return (
    <>
      <Card size="small" title={`${quarterLabel(t, r.round.quarter)} ${t('surveys.title')}`} extra={<Tag color={STATE_COLOR[r.round.state]}>{t(`surveys.results.state.${r.round.state}`)}</Tag>}>
        <Row gutter={[16, 16]}>
          <Col xs={8}>
            <Statistic title={t('surveys.results.mean')} value={fmtMean(r.mean)} suffix={r.mean === null ? undefined : '/ 5'} data-testid="survey-mean" />
          </Col>
          <Col xs={8}>
            <Tooltip title={t('surveys.results.responseRateHelp')}>
              <Statistic title={t('surveys.results.responseRate')} value={rate} data-testid="survey-rate" />
            </Tooltip>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('surveys.results.ofEligible', { responses: r.round.responses, eligible: r.eligible })}
            </Typography.Text>
          </Col>
          <Col xs={8}>
            <Statistic title={t('surveys.results.responses')} value={r.round.responses} />
          </Col>
        </Row>
      </Card>
      <Card size="small" title={t('surveys.results.byQuestion')}>
        {r.round.responses ? <MeansChart items={items} phone={phone} /> : <Empty description={t('surveys.results.noResponses')} />}
      </Card>
      <Card size="small" title={t('surveys.results.byDepartment')} extra={phone ? undefined : <Typography.Text type="secondary">{t('surveys.results.hidden', { min: r.minResponses })}</Typography.Text>}>
        {phone ? (
          <List
            dataSource={r.departments}
            locale={{ emptyText: <Empty description={t('surveys.results.noResponses')} /> }}
            renderItem={(d) => (
              <List.Item extra={d.hidden ? null : <Typography.Text strong>{fmtMean(d.mean)}</Typography.Text>}>
                <List.Item.Meta title={deptName(d)} description={d.hidden ? hiddenText : t('surveys.results.responsesN', { count: d.responses })} />
              </List.Item>
            )}
            data-testid="survey-departments"
          />
        ) : (
          <Table<DepartmentResult>
            rowKey={(d) => d.departmentId ?? 'none'}
            size="small"
            columns={columns}
            dataSource={r.departments}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description={t('surveys.results.noResponses')} /> }}
            data-testid="survey-departments"
          />
        )}
      </Card>
      {r.comments && (
        <Card size="small" title={t('surveys.results.comments')}>
          <List
            size="small"
            dataSource={r.comments}
            locale={{ emptyText: t('surveys.results.noComments') }}
            renderItem={(c) => <List.Item>{c}</List.Item>}
            pagination={r.comments.length > 10 ? { pageSize: 10, size: 'small' } : false}
            data-testid="survey-comments"
          />
        </Card>
      )}
    </>
  );
}
