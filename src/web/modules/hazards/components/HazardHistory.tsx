/** The record's audit trail (GET /hazards/:id/history) as a timeline: who, what, when, on which basis. */
import { Empty, Skeleton, Timeline, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { HazardHistoryItem } from '../../../platform/api/types';
import type { Resources } from '../../../platform/i18n/locales/zh-CN';
import { formatDateTime } from '../../../ui/DateTime';
import { ErrorState } from '../../../ui/States';
import { useIsPhone } from '../../../ui/useIsPhone';
import { useAreas, useDepartments } from '../../org/queries';
import { useHazardHistory } from '../queries';

type FieldKey = keyof Resources['hazards']['field'];

/** Audit-trail keys (camelCase from the server, snake_case tolerated) → field labels. */
const FIELD_LABELS: Record<string, FieldKey> = {
  title: 'title',
  description: 'description',
  status: 'status',
  grade: 'grade',
  riskLevel: 'riskLevel',
  areaId: 'area',
  area_id: 'area',
  equipmentId: 'equipment',
  equipment_id: 'equipment',
  departmentId: 'department',
  department_id: 'department',
  responsibleDepartmentId: 'responsibleDepartment',
  responsibleUserId: 'responsibleUser',
  supervisorId: 'supervisor',
  deadline: 'deadline',
  photos: 'photos',
  afterPhotos: 'afterPhotos',
  location: 'location',
};
const HIDDEN = new Set(['version', 'updatedAt', 'updated_at', 'id', 'code', 'tenantId', 'tenant_id']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function show(key: string, value: unknown, names: Map<string, string>, t: TFunction): string {
  if (value === null || value === undefined || value === '') return t('common.none');
  if (Array.isArray(value)) return t('hazards.detail.photoCount', { count: value.length });
  if (typeof value !== 'string') return JSON.stringify(value);
  if (key === 'status') return t(`hazards.status.${value}` as 'hazards.status.reported', { defaultValue: value });
  if (key === 'grade') return t(`hazards.grade.${value}` as 'hazards.grade.major', { defaultValue: value });
  if (ISO_DATE.test(value)) return formatDateTime(value);
  return names.get(value) ?? (value.length > 60 ? `${value.slice(0, 60)}…` : value);
}

function changes(item: HazardHistoryItem, names: Map<string, string>, t: TFunction): string[] {
  if (!item.before || !item.after) return [];
  const keys = Object.keys(item.after).filter((k) => !HIDDEN.has(k) && JSON.stringify(item.before?.[k]) !== JSON.stringify(item.after?.[k]));
  return keys.map((k) =>
    t('hazards.detail.changed', {
      field: FIELD_LABELS[k] ? t(`hazards.field.${FIELD_LABELS[k]}`) : k,
      before: show(k, item.before?.[k], names, t),
      after: show(k, item.after?.[k], names, t),
    }),
  );
}

interface Props {
  id: string;
  /** People the record names (responsible person, supervisor), so their ids read as names. */
  people?: ({ id: string; displayName: string } | null | undefined)[];
}

export function HazardHistory({ id, people = [] }: Props) {
  const { t } = useTranslation();
  const history = useHazardHistory(id);
  const phone = useIsPhone();
  const departments = useDepartments();
  const areas = useAreas();
  if (history.isPending) return <Skeleton active />;
  if (history.isError) return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;
  if (!history.data.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('hazards.detail.noHistory')} />;
  const names = new Map<string, string>([...(departments.data ?? []), ...(areas.data ?? [])].map((x) => [x.id, x.name]));
  for (const p of people) if (p) names.set(p.id, p.displayName);

  return (
    <div data-testid="hazard-history">
    <Timeline
      items={history.data.map((item, i) => ({
        key: item.seq,
        color: i === history.data.length - 1 ? 'blue' : 'gray',
        title: phone ? undefined : formatDateTime(item.at),
        content: (
          <div data-testid="hazard-history-item">
            {phone && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {formatDateTime(item.at)}
              </Typography.Text>
            )}
            <Tooltip title={item.actorLogin ? t('hazards.detail.actorLogin', { login: item.actorLogin }) : undefined}>
              <Typography.Text strong data-testid="hazard-history-actor">
                {item.actorName ?? '—'}
              </Typography.Text>
            </Tooltip>
            {item.actorDepartment && (
              <Typography.Text type="secondary" data-testid="hazard-history-department">
                （{item.actorDepartment}）
              </Typography.Text>
            )}{' '}
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
