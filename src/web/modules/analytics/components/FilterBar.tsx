/**
 * Period, department and area filters of the analytics pages. The period is a preset or a month
 * range; departments are those the server lets the caller pick (view_department: their own, fixed).
 */
import { lazy, Suspense, useState } from 'react';
import { Flex, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAreas } from '../../org/queries';
import { PRESETS, type DashboardFilters, type FilterPatch, type Preset } from '../period';

export interface FilterBarProps {
  filters: DashboardFilters;
  onChange: (patch: FilterPatch) => void;
  /** Omit to hide the department filter (pages over all departments). */
  departments?: { options: { id: string; name: string }[]; fixed: boolean };
  showArea?: boolean;
  phone: boolean;
}

// the date picker weighs ~30 KB gzip: fetched only for a custom range, not with every dashboard
const MonthRange = lazy(() => import('./MonthRange'));

export function FilterBar({ filters, onChange, departments, showArea = false, phone }: FilterBarProps) {
  const { t } = useTranslation();
  const areas = useAreas();
  const width = phone ? '100%' : undefined;
  // a custom range in the URL shows the picker; choosing 自定义月份 opens it
  const [picking, setPicking] = useState(false);
  const custom = filters.preset === null || picking;
  return (
    <Flex gap={8} wrap align="center" vertical={phone} style={phone ? { width: '100%' } : undefined} data-testid="analytics-filters">
      <Select<Preset | 'custom'>
        value={custom ? 'custom' : (filters.preset ?? 'custom')}
        onChange={(v) => {
          setPicking(v === 'custom');
          if (v !== 'custom') onChange({ preset: v });
        }}
        options={[...PRESETS.map((p) => ({ value: p, label: t(`analytics.preset.${p}`) })), { value: 'custom' as const, label: t('analytics.filter.custom') }]}
        style={{ width: width ?? 130 }}
        aria-label={t('analytics.filter.period')}
        data-testid="analytics-preset"
      />
      {!custom && (
        <Typography.Text type="secondary" data-testid="analytics-range">
          {filters.from === filters.to ? filters.from : `${filters.from} – ${filters.to}`}
        </Typography.Text>
      )}
      {custom && (
        <Suspense fallback={null}>
          <MonthRange from={filters.from} to={filters.to} width={width ?? 220} autoOpen={picking && filters.preset !== null} onChange={(r) => onChange(r)} />
        </Suspense>
      )}
      {departments && (
        <Select
          allowClear={!departments.fixed}
          disabled={departments.fixed}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('analytics.filter.allDepartments')}
          value={departments.fixed ? departments.options[0]?.id : filters.departmentId}
          onChange={(departmentId) => onChange({ departmentId })}
          options={departments.options.map((d) => ({ value: d.id, label: d.name }))}
          style={{ width: width ?? 160 }}
          aria-label={t('analytics.filter.department')}
          data-testid="analytics-department"
        />
      )}
      {showArea && (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('analytics.filter.allAreas')}
          value={filters.areaId}
          onChange={(areaId) => onChange({ areaId })}
          options={areas.data?.map((a) => ({ value: a.id, label: a.name }))}
          style={{ width: width ?? 160 }}
          aria-label={t('analytics.filter.area')}
          data-testid="analytics-area"
        />
      )}
    </Flex>
  );
}
