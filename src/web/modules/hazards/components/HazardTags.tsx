import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HazardGrade, HazardStatus } from '../../../platform/api/types';

export const HAZARD_STATUSES: HazardStatus[] = ['reported', 'assessed', 'rectifying', 'verifying', 'closed'];
export const HAZARD_GRADES: HazardGrade[] = ['general', 'major'];

const STATUS_COLOR: Record<HazardStatus, string> = {
  reported: 'orange',
  assessed: 'blue',
  rectifying: 'volcano',
  verifying: 'purple',
  closed: 'green',
};

export function StatusTag({ status }: { status: HazardStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status] ?? 'default'} data-testid="hazard-status" data-status={status}>
      {t(`hazards.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

export function GradeTag({ grade }: { grade: HazardGrade | null }) {
  const { t } = useTranslation();
  if (!grade) return <Tag data-testid="hazard-grade" data-grade="none">{t('hazards.grade.none')}</Tag>;
  return (
    <Tag color={grade === 'major' ? 'red' : 'gold'} data-testid="hazard-grade" data-grade={grade}>
      {t(`hazards.grade.${grade}`, { defaultValue: grade })}
    </Tag>
  );
}
