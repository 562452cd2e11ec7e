/** Filters above the hazard list: status, grade, department, area, keyword, date range, mine. */
import { useEffect, useState } from 'react';
import { FilterOutlined } from '@ant-design/icons';
import { Badge, Button, Checkbox, DatePicker, Flex, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useAreas, useDepartments } from '../../org/queries';
import type { HazardListQuery } from '../api';
import { HAZARD_GRADES, HAZARD_STATUSES } from './HazardTags';

interface Props {
  query: HazardListQuery;
  onChange: (patch: Partial<HazardListQuery>) => void;
  compact?: boolean;
}

export function HazardFilters({ query, onChange, compact = false }: Props) {
  const { t } = useTranslation();
  const departments = useDepartments();
  const areas = useAreas();
  const [q, setQ] = useState(query.q ?? '');
  useEffect(() => setQ(query.q ?? ''), [query.q]);

  // Either end may be open (the workbench links "this month" with only `from`).
  const range: [Dayjs | null, Dayjs | null] | null =
    query.from || query.to ? [query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null] : null;
  // Phones show search + status; the rest folds away behind 筛选 (open when any of it is set).
  const extraSet = [query.grade, query.areaId, query.departmentId, query.from, query.to, query.overdue].filter(Boolean).length;
  const [more, setMore] = useState(extraSet > 0);
  const showMore = !compact || more;
  const placeholders = t('hazards.list.dateRange', { returnObjects: true }) as string[];
  const width = compact ? '100%' : 160;
  const overdue = (
    <Checkbox
      checked={!!query.overdue}
      onChange={(e) => onChange({ overdue: e.target.checked || undefined })}
      style={{ alignSelf: 'center' }}
      data-testid="hazard-filter-overdue"
    >
      {t('hazards.list.onlyOverdue')}
    </Checkbox>
  );

  return (
    <Flex wrap gap={8} style={{ marginBottom: 16 }} data-testid="hazard-filters">
      <Input.Search
        allowClear
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onSearch={(value) => onChange({ q: value.trim() || undefined })}
        placeholder={t('hazards.list.keyword')}
        maxLength={100}
        style={{ width: compact ? '100%' : 260 }}
        data-testid="hazard-filter-q"
      />
      <Select
        allowClear
        placeholder={t('hazards.list.statusPlaceholder')}
        value={query.status}
        onChange={(status) => onChange({ status })}
        options={HAZARD_STATUSES.map((s) => ({ value: s, label: t(`hazards.status.${s}`) }))}
        style={{ width: compact ? 'calc(50% - 4px)' : 130 }}
        data-testid="hazard-filter-status"
      />
      {compact && (
        <Button
          icon={<FilterOutlined />}
          onClick={() => setMore((v) => !v)}
          style={{ width: 'calc(50% - 4px)' }}
          type={more ? 'primary' : 'default'}
          ghost={more}
          data-testid="hazard-filter-more"
        >
          {t('hazards.list.moreFilters')} <Badge count={extraSet} size="small" />
        </Button>
      )}
      {showMore && (
        <>
          <Select
            allowClear
            placeholder={t('hazards.list.gradePlaceholder')}
            value={query.grade}
            onChange={(grade) => onChange({ grade })}
            options={[...HAZARD_GRADES, 'none' as const].map((g) => ({ value: g, label: t(`hazards.grade.${g}`) }))}
            style={{ width: compact ? '100%' : 130 }}
            data-testid="hazard-filter-grade"
          />
          {!query.mine && (
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('hazards.list.departmentPlaceholder')}
              value={query.departmentId}
              onChange={(departmentId) => onChange({ departmentId })}
              options={departments.data?.map((d) => ({ value: d.id, label: d.name }))}
              style={{ width }}
              data-testid="hazard-filter-department"
            />
          )}
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('hazards.list.areaPlaceholder')}
            value={query.areaId}
            onChange={(areaId) => onChange({ areaId })}
            options={areas.data?.map((a) => ({ value: a.id, label: a.name }))}
            style={{ width }}
            data-testid="hazard-filter-area"
          />
          <DatePicker.RangePicker
            value={range}
            allowEmpty={[true, true]}
            placeholder={[placeholders[0] ?? '', placeholders[1] ?? '']}
            onChange={(v) =>
              onChange({
                from: v?.[0] ? v[0].startOf('day').toISOString() : undefined,
                to: v?.[1] ? v[1].endOf('day').toISOString() : undefined,
              })
            }
            style={{ width: compact ? '100%' : 260 }}
            data-testid="hazard-filter-date"
          />
          {compact && overdue}
        </>
      )}
      {!compact && overdue}
      {!compact && (
        <Checkbox checked={!!query.mine} onChange={(e) => onChange({ mine: e.target.checked || undefined })} style={{ alignSelf: 'center' }} data-testid="hazard-filter-mine">
          {t('hazards.list.onlyMine')}
        </Checkbox>
      )}
    </Flex>
  );
}
