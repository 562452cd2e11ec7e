/** The record's audit trail (GET /hazards/:id/history) as a timeline: who, what, when, on which basis. */
import { Empty, Skeleton, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { HazardHistoryItem } from '../../../platform/api/types';
import { formatDateTime } from '../../../ui/DateTime';
import { ErrorState } from '../../../ui/States';
import { useAreas, useDepartments } from '../../org/queries';
import { useHazardHistory } from '../queries';

const FIELD_LABELS: Record<string, string> = {
  title: 'title',
  description: 'description',
  status: 'status',
  grade: 'grade',
  areaId: 'area',
  area_id: 'area',
  equipmentId: 'equipment',
  equipment_id: 'equipment',
  departmentId: 'department',
  department_id: 'department',
};
const HIDDEN = new Set(['version', 'updatedAt', 'updated_at', 'id', 'tenantId', 'tenant_id']);

function show(value: unknown, names: Map<string, string>, t: TFunction): string {
  if (value === null || value === undefined || value === '') return t('common.none');
  if (typeof value === 'string') return names.get(value) ?? (value.length > 60 ? `${value.slice(0, 60)}…` : value);
  return JSON.stringify(value);
}

function changes(item: HazardHistoryItem, names: Map<string, string>, t: TFunction): string[] {
  if (!item.before || !item.after) return [];
  const keys = Object.keys(item.after).filter((k) => !HIDDEN.has(k) && JSON.stringify(item.before?.[k]) !== JSON.stringify(item.after?.[k]));
  return keys.map((k) => {
    const label = FIELD_LABELS[k] ? t(`hazards.field.${FIELD_LABELS[k]}` as 'hazards.field.title') : k;
    let before = show(item.before?.[k], names, t);
    let after = show(item.after?.[k], names, t);
    if (k === 'status') {
      before = t(`hazards.status.${before}` as 'hazards.status.reported', { defaultValue: before });
      after = t(`hazards.status.${after}` as 'hazards.status.reported', { defaultValue: after });
    }
    return t('hazards.detail.changed', { field: label, before, after });
  });
}

export function HazardHistory({ id }: { id: string }) {
  const { t } = useTranslation();
  const history = useHazardHistory(id);
  const departments = useDepartments();
  const areas = useAreas();
  if (history.isPending) return <Skeleton active />;
  if (history.isError) return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;
  if (!history.data.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('hazards.detail.noHistory')} />;
  const names = new Map<string, string>([...(departments.data ?? []), ...(areas.data ?? [])].map((x) => [x.id, x.name]));

  return (
    <div data-testid="hazard-history">
    <Timeline
      items={history.data.map((item, i) => ({
        key: item.seq,
        color: i === history.data.length - 1 ? 'blue' : 'gray',
        title: formatDateTime(item.at),
        content: (
          <div data-testid="hazard-history-item">
            <Typography.Text strong>{item.actorName ?? '—'}</Typography.Text>{' '}
            {t(`hazards.action.${item.action.replace(/\./g, '_')}` as 'hazards.action.hazard_create', { defaultValue: item.action })}
            {changes(item, names, t).map((line) => (
              <div key={line}>
                <Typography.Text type="secondary">{line}</Typography.Text>
              </div>
            ))}
            {item.basis && (
              <div>
                <Typography.Text type="secondary">
                  {t('hazards.detail.basis')}：{item.basis}
                </Typography.Text>
              </div>
            )}
          </div>
        ),
      }))}
    />
    </div>
  );
}
