/**
 * 评估报告 (C14): generate the monthly or quarterly evaluation report of a period as PDF or Excel,
 * and the archive of reports made so far (by the scheduled job on the 1st of each month, or on
 * demand). A department head gets only the own department's reports (the server forces it).
 */
import { useState } from 'react';
import { ClockCircleOutlined, FileExcelOutlined, FilePdfOutlined, ReloadOutlined, UserOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, DatePicker, Flex, Form, Segmented, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, buildUrl, ApiError } from '../../../platform/api/client';
import { useAuth } from '../../../platform/auth/AuthProvider';
import { formatDateTime } from '../../../ui/DateTime';
import { errorText } from '../../../ui/errors';
import { ErrorState } from '../../../ui/States';
import { useIsPhone } from '../../../ui/useIsPhone';
import { usePageTitle } from '../../../ui/usePageTitle';
import { useDepartments } from '../../org/queries';
import { ANALYTICS_VIEW_ALL } from '../permissions';

type Kind = 'monthly' | 'quarterly';
type Format = 'pdf' | 'xlsx';

interface ArchivedReport {
  id: string;
  kind: Kind;
  period: string;
  departmentId: string | null;
  departmentName: string | null;
  format: Format;
  size: number;
  name: string;
  generatedBy: string | null;
  generatedByName: string | null;
  generatedAt: string;
  url: string;
}

const archiveKey = ['reports', 'archive'] as const;
const quarterOf = (d: Dayjs) => Math.floor(d.month() / 3) + 1;

/** The period as the API names it: 2026-11 or 2026-Q4. */
function periodOf(kind: Kind, d: Dayjs): string {
  return kind === 'monthly' ? d.format('YYYY-MM') : `${d.year()}-Q${quarterOf(d)}`;
}

/** The file name the server sent (RFC 5987 filename*), or a fallback. */
function fileNameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  try {
    return m ? decodeURIComponent(m[1]) : fallback;
  } catch {
    return fallback;
  }
}

/** Fetch a file with the session cookie and hand it to the browser as a download. */
async function downloadFile(url: string, fallback: string): Promise<void> {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) {
    let code = `HTTP_${res.status}`;
    let message = res.statusText || code;
    try {
      const body = (await res.json()) as { error?: { code?: string; message?: string } };
      code = body.error?.code ?? code;
      message = body.error?.message ?? message;
    } catch {
      /* not JSON */
    }
    throw new ApiError(res.status, code, message);
  }
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = fileNameOf(res, fallback);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

const sizeText = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

export default function ReportsPage() {
  const { t } = useTranslation();
  const { me, can } = useAuth();
  const { message } = AntApp.useApp();
  const phone = useIsPhone();
  const queryClient = useQueryClient();
  usePageTitle(t('reports.title'));

  const viewAll = can(ANALYTICS_VIEW_ALL);
  const [kind, setKind] = useState<Kind>('monthly');
  // default: the last complete month (the one the scheduled report covers)
  const [date, setDate] = useState<Dayjs>(() => dayjs().subtract(1, 'month').startOf('month'));
  const [departmentId, setDepartmentId] = useState<string | undefined>();
  const [busy, setBusy] = useState<Format | null>(null);
  const departments = useDepartments();
  const archive = useQuery({
    queryKey: archiveKey,
    queryFn: ({ signal }) => api.get<{ items: ArchivedReport[] }>('/reports', undefined, { signal }).then((r) => r.items),
  });

  const quarterNames = t('reports.quarterNames', { returnObjects: true }) as string[];
  const periodLabel = (k: Kind, period: string) => {
    const [year, rest] = k === 'monthly' ? period.split('-') : period.split('-Q');
    return k === 'monthly' ? t('reports.monthLabel', { year, month: Number(rest) }) : t('reports.quarterLabel', { year, quarter: quarterNames[Number(rest) - 1] ?? rest });
  };

  const generate = async (format: Format) => {
    const period = periodOf(kind, date);
    const url = buildUrl(`/reports/${kind}`, { [kind === 'monthly' ? 'month' : 'quarter']: period, format, departmentId });
    setBusy(format);
    const hide = message.loading(t('reports.generating'), 0);
    try {
      await downloadFile(url, `${period}.${format}`);
      message.success(t('reports.generated'));
      void queryClient.invalidateQueries({ queryKey: archiveKey });
    } catch (err) {
      message.error(t('reports.failed', { message: errorText(err, t) }));
    } finally {
      hide();
      setBusy(null);
    }
  };

  const download = async (r: ArchivedReport) => {
    try {
      await downloadFile(r.url, r.name);
    } catch (err) {
      message.error(errorText(err, t));
    }
  };

  const now = dayjs();
  const disabledDate = (d: Dayjs) => (kind === 'monthly' ? d.isAfter(now, 'month') : d.year() > now.year() || (d.year() === now.year() && quarterOf(d) > quarterOf(now)));

  const columns: TableProps<ArchivedReport>['columns'] = [
    {
      key: 'report',
      title: t('reports.archive.report'),
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{`${periodLabel(r.kind, r.period)} ${t(`reports.${r.kind}`)}`}</Typography.Text>
          {phone && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.departmentName ?? t('reports.company')} · {formatDateTime(r.generatedAt)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { key: 'scope', title: t('reports.archive.scope'), responsive: ['md'], render: (_, r) => r.departmentName ?? t('reports.company') },
    {
      key: 'format',
      title: t('reports.archive.format'),
      width: 90,
      render: (_, r) => (r.format === 'pdf' ? <Tag icon={<FilePdfOutlined />} color="red">PDF</Tag> : <Tag icon={<FileExcelOutlined />} color="green">Excel</Tag>),
    },
    {
      key: 'source',
      title: t('reports.archive.source'),
      responsive: ['lg'],
      render: (_, r) =>
        r.generatedBy ? (
          <span><UserOutlined /> {t('reports.archive.by', { name: r.generatedByName ?? '' })}</span>
        ) : (
          <span><ClockCircleOutlined /> {t('reports.archive.scheduled')}</span>
        ),
    },
    { key: 'at', title: t('reports.archive.at'), responsive: ['md'], width: 150, render: (_, r) => formatDateTime(r.generatedAt) },
    { key: 'size', title: t('reports.archive.size'), responsive: ['lg'], width: 80, align: 'right', render: (_, r) => sizeText(r.size) },
    {
      key: 'actions',
      title: t('reports.archive.actions'),
      width: 80,
      render: (_, r) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => void download(r)} data-testid={`report-download-${r.id}`}>
          {t('reports.archive.download')}
        </Button>
      ),
    },
  ];

  const departmentOptions = [
    { value: '', label: t('reports.company') },
    ...(departments.data ?? []).filter((d) => d.kind === 'department').map((d) => ({ value: d.id, label: d.name })),
  ];

  return (
    <div data-testid="reports-page">
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: phone ? 12 : 20 } }}>
        <div className="zhian-page-title">
          <Typography.Title level={4}>{t('reports.title')}</Typography.Title>
        </div>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {t('reports.intro')}
        </Typography.Paragraph>
        <Form layout={phone ? 'vertical' : 'inline'} style={{ rowGap: 12 }}>
          <Form.Item label={t('reports.kind.label')}>
            <Segmented<Kind>
              value={kind}
              onChange={setKind}
              options={[
                { value: 'monthly', label: t('reports.kind.monthly') },
                { value: 'quarterly', label: t('reports.kind.quarterly') },
              ]}
            />
          </Form.Item>
          <Form.Item label={t('reports.period')}>
            <DatePicker
              picker={kind === 'monthly' ? 'month' : 'quarter'}
              value={date}
              allowClear={false}
              inputReadOnly={phone}
              disabledDate={disabledDate}
              placeholder={kind === 'monthly' ? t('reports.pickMonth') : t('reports.pickQuarter')}
              format={(d) => periodLabel(kind, periodOf(kind, d))}
              onChange={(d) => d && setDate(d)}
              style={{ width: phone ? '100%' : 180 }}
              data-testid="report-period"
            />
          </Form.Item>
          <Form.Item label={t('reports.department')}>
            {viewAll ? (
              <Select
                value={departmentId ?? ''}
                onChange={(v) => setDepartmentId(v || undefined)}
                options={departmentOptions}
                loading={departments.isLoading}
                style={{ width: phone ? '100%' : 180 }}
                showSearch
                optionFilterProp="label"
              />
            ) : (
              <Typography.Text>{t('reports.ownDepartment', { name: me?.department?.name ?? '' })}</Typography.Text>
            )}
          </Form.Item>
          <Form.Item>
            <Flex gap={8} wrap>
              <Button type="primary" icon={<FilePdfOutlined />} loading={busy === 'pdf'} disabled={busy !== null} onClick={() => void generate('pdf')} block={phone} data-testid="report-pdf">
                {t('reports.downloadPdf')}
              </Button>
              <Button icon={<FileExcelOutlined />} loading={busy === 'xlsx'} disabled={busy !== null} onClick={() => void generate('xlsx')} block={phone} data-testid="report-xlsx">
                {t('reports.downloadXlsx')}
              </Button>
            </Flex>
          </Form.Item>
        </Form>
      </Card>

      <Card
        title={t('reports.archive.title')}
        extra={<Button icon={<ReloadOutlined />} size="small" onClick={() => void archive.refetch()} loading={archive.isFetching} aria-label={t('reports.archive.refresh')} />}
        styles={{ body: { padding: phone ? 0 : undefined } }}
      >
        {archive.isError && !archive.data ? (
          <ErrorState error={archive.error} onRetry={() => void archive.refetch()} />
        ) : (
          <Table<ArchivedReport>
            rowKey="id"
            size={phone ? 'small' : 'middle'}
            columns={columns}
            dataSource={archive.data ?? []}
            loading={archive.isLoading}
            locale={{ emptyText: t('reports.archive.empty') }}
            pagination={{ pageSize: 20, hideOnSinglePage: true, simple: phone }}
            data-testid="report-archive"
          />
        )}
      </Card>
    </div>
  );
}
