/**
 * 目标值与行业参考值 (C14, admin): every KPI's target and industry benchmark, and each process's
 * reference cycle time, edited in place and saved per row with the version read (a row changed
 * meanwhile by someone else is reloaded, not overwritten).
 */
import { useMemo, useState } from 'react';
import { SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, InputNumber, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../platform/api/client';
import { RelativeTime } from '../../../ui/DateTime';
import { errorText } from '../../../ui/errors';
import { ErrorState } from '../../../ui/States';
import { useIsPhone } from '../../../ui/useIsPhone';
import { usePageTitle } from '../../../ui/usePageTitle';
import { useFlowTemplates } from '../../flows/queries';
import { kpiName, langOf } from '../components/kpiText';
import { useSaveTarget, useTargets } from '../queries';
import { KPI_KEYS, KPIS, type KpiKey, type KpiUnit, type TargetView } from '../types';

interface Row extends TargetView {
  name: string;
  unit: KpiUnit;
  kpi: KpiKey | null;
}
type Draft = Pick<TargetView, 'target' | 'benchmark' | 'note'>;

const isKpi = (key: string): key is KpiKey => (KPI_KEYS as readonly string[]).includes(key);

/** Input limits by unit (the server checks the same). */
const RANGE: Record<KpiUnit, { min: number; max?: number; step: number }> = {
  percent: { min: 0, max: 100, step: 0.5 },
  hours: { min: 0, step: 1 },
  count: { min: 0, step: 1 },
  score: { min: 1, max: 5, step: 0.1 },
};

export default function TargetsPage() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const phone = useIsPhone();
  const { message } = App.useApp();
  const targets = useTargets();
  const templates = useFlowTemplates();
  const save = useSaveTarget();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [saving, setSaving] = useState<string | null>(null);
  usePageTitle(t('analytics.targets.title'));

  const rows = useMemo<Row[]>(() => {
    const list = targets.data ?? [];
    const byKey = new Map(list.map((r) => [r.key, r]));
    const flowName = (key: string) => {
      if (key === 'flow:hazard') return t('analytics.bottleneck.hazardLoop');
      return templates.data?.find((x) => `flow:${x.id}` === key)?.name ?? key.slice(5, 13);
    };
    const out: Row[] = list.filter((r) => isKpi(r.key)).map((r) => ({ ...r, kpi: r.key as KpiKey, unit: KPIS[r.key as KpiKey].unit, name: kpiName(r.key as KpiKey, lang) }));
    // every process gets a row for its reference cycle time, stored or not
    const flowKeys = ['flow:hazard', ...(templates.data ?? []).map((x) => `flow:${x.id}`), ...list.filter((r) => r.key.startsWith('flow:')).map((r) => r.key)];
    for (const key of [...new Set(flowKeys)]) {
      const r = byKey.get(key) ?? { key, target: null, benchmark: null, note: '', version: 0, updatedAt: null };
      out.push({ ...r, kpi: null, unit: 'hours', name: `${t('analytics.targets.cycleBenchmark')} · ${flowName(key)}` });
    }
    return out;
  }, [targets.data, templates.data, lang, t]);

  if (targets.isError && !targets.data) return <ErrorState error={targets.error} onRetry={() => void targets.refetch()} />;

  const valueOf = (r: Row): Draft => drafts[r.key] ?? { target: r.target, benchmark: r.benchmark, note: r.note };
  const edit = (r: Row, patch: Partial<Draft>) => setDrafts((d) => ({ ...d, [r.key]: { ...valueOf(r), ...patch } }));
  const dirty = (r: Row) => {
    const d = drafts[r.key];
    return !!d && (d.target !== r.target || d.benchmark !== r.benchmark || d.note !== r.note);
  };
  const forget = (key: string) =>
    setDrafts((d) => {
      const { [key]: _, ...rest } = d;
      return rest;
    });

  const onSave = async (r: Row) => {
    const v = valueOf(r);
    setSaving(r.key);
    try {
      await save.mutateAsync({ key: r.key, body: { target: v.target, benchmark: v.benchmark, note: v.note, version: r.version } });
      forget(r.key);
      message.success(t('analytics.targets.saved', { name: r.name }));
    } catch (err) {
      if (isApiError(err) && err.status === 409) {
        forget(r.key);
        await targets.refetch();
        message.warning(t('analytics.targets.conflict'));
      } else message.error(errorText(err, t));
    } finally {
      setSaving(null);
    }
  };

  const number = (r: Row, field: 'target' | 'benchmark') => {
    const range = RANGE[r.unit];
    const suffix = t(`analytics.unit.${r.unit}`);
    return (
      <InputNumber
        size="small"
        value={valueOf(r)[field]}
        min={range.min}
        max={range.max}
        step={range.step}
        onChange={(v) => edit(r, { [field]: typeof v === 'number' ? v : null })}
        suffix={suffix || undefined}
        style={{ width: 130 }}
        aria-label={`${r.name} ${t(`analytics.targets.${field}`)}`}
        data-testid={`target-${field}-${r.key}`}
      />
    );
  };

  const columns: TableProps<Row>['columns'] = [
    {
      key: 'name',
      title: t('analytics.targets.kpi'),
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{r.name}</Typography.Text>
          {r.kpi ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`analytics.group.${KPIS[r.kpi].group}`)} · {KPIS[r.kpi].higherIsBetter ? t('analytics.targets.higher') : t('analytics.targets.lower')}
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('analytics.targets.cycleBenchmarkHint')}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { key: 'target', title: t('analytics.targets.target'), width: 150, render: (_, r) => (r.kpi ? number(r, 'target') : <Typography.Text type="secondary">—</Typography.Text>) },
    { key: 'benchmark', title: t('analytics.targets.benchmark'), width: 150, render: (_, r) => number(r, 'benchmark') },
    {
      key: 'note',
      title: t('analytics.targets.note'),
      render: (_, r) => <Input size="small" value={valueOf(r).note} maxLength={500} onChange={(e) => edit(r, { note: e.target.value })} aria-label={`${r.name} ${t('analytics.targets.note')}`} />,
    },
    { key: 'updatedAt', title: t('analytics.targets.updatedAt'), width: 110, render: (_, r) => <RelativeTime value={r.updatedAt} /> },
    {
      key: 'save',
      width: 110,
      fixed: phone ? undefined : 'right',
      render: (_, r) => (
        <Space size={4}>
          <Button
              size="small"
              type={dirty(r) ? 'primary' : 'default'}
              icon={<SaveOutlined />}
              disabled={!dirty(r)}
              loading={saving === r.key}
              onClick={() => void onSave(r)}
              data-testid={`target-save-${r.key}`}
            >
              {t('analytics.targets.save')}
            </Button>
          {dirty(r) && !phone && <Tag color="warning">{t('analytics.targets.unsaved')}</Tag>}
        </Space>
      ),
    },
  ];

  return (
    <Card data-testid="analytics-targets">
      <div className="zhian-page-title">
        <Typography.Title level={4}>{t('analytics.targets.title')}</Typography.Title>
      </div>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t('analytics.targets.intro')}
      </Typography.Paragraph>
      <Table<Row> rowKey="key" size="middle" columns={columns} dataSource={rows} loading={targets.isLoading} pagination={false} scroll={{ x: 960 }} />
    </Card>
  );
}
