/** 处理记录: the loop's steps from the hazard's timeline — who did what, when, and on which basis. */
import { Tag, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../ui/DateTime';
import { useIsPhone } from '../../../../ui/useIsPhone';
import type { LoopHazard, TimelineEntry } from '../../types';
import { LevelTag } from '../../../standards';
import type { RiskColor } from '../../types';

const COLORS: Record<string, string> = { pass: 'green', reject: 'red', report: 'gray' };

/** What the basis of each step is called. */
function basisLabel(action: string, t: TFunction): string {
  if (action === 'assess') return t('hazards.loop.assessment.basis');
  if (action === 'dispatch') return t('hazards.loop.rectification.measures');
  if (action === 'submit') return t('hazards.loop.rectification.note');
  if (action === 'reject') return t('hazards.loop.verify.reason');
  if (action === 'pass') return t('hazards.loop.verify.opinion');
  return t('hazards.detail.basis');
}

interface AssessData {
  grade?: 'general' | 'major';
  risk?: { method: 'lec' | 'ls'; score: number; label: string; color: RiskColor } | null;
}

function Details({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation();
  const data = (entry.data ?? {}) as Record<string, unknown>;
  if (entry.action === 'assess') {
    const d = data as AssessData;
    return (
      <div>
        {d.grade && (
          <Tag color={d.grade === 'major' ? 'red' : 'gold'} style={{ marginTop: 4 }}>
            {t(`hazards.grade.${d.grade}`)}
          </Tag>
        )}
        {d.risk?.label && d.risk.color && (
          <span style={{ display: 'inline-flex', gap: 6, alignItems: 'center', marginTop: 4 }}>
            <LevelTag color={d.risk.color} label={d.risk.label} />
            <Typography.Text type="secondary">
              {d.risk.method === 'lec' ? 'D' : 'R'} = {d.risk.score}
            </Typography.Text>
          </span>
        )}
      </div>
    );
  }
  if (entry.action === 'dispatch' && typeof data.deadline === 'string') {
    return (
      <div>
        <Typography.Text type="secondary">{t('hazards.loop.timelineDetail.deadline', { deadline: formatDateTime(data.deadline) })}</Typography.Text>
      </div>
    );
  }
  if (entry.action === 'submit' && Array.isArray(data.afterPhotos)) {
    return (
      <div>
        <Typography.Text type="secondary">{t('hazards.loop.timelineDetail.photos', { count: data.afterPhotos.length })}</Typography.Text>
      </div>
    );
  }
  return null;
}

export function LoopTimeline({ hazard }: { hazard: LoopHazard }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const report: TimelineEntry = {
    action: 'report',
    from: null,
    to: 'reported',
    actorName: hazard.reporter?.displayName ?? null,
    at: hazard.reportedAt,
    basis: null,
    data: null,
  };
  const entries = [report, ...(hazard.timeline ?? [])];
  const last = entries.length - 1;

  return (
    <div data-testid="hazard-timeline">
      <Timeline
        items={entries.map((e, i) => ({
          key: `${e.action}-${e.at}-${i}`,
          color: COLORS[e.action] ?? (i === last ? 'blue' : 'gray'),
          // Phones have no room for a time column: the time goes above the entry.
          title: phone ? undefined : formatDateTime(e.at),
          content: (
            <div data-testid="hazard-timeline-item" data-action={e.action}>
              {phone && (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {formatDateTime(e.at)}
                </Typography.Text>
              )}
              <Typography.Text strong>{e.actorName ?? '—'}</Typography.Text>{' '}
              {t(`hazards.loop.timelineAction.${e.action}` as 'hazards.loop.timelineAction.assess', { defaultValue: e.action })}
              <Details entry={e} />
              {e.basis && (
                <div>
                  <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
                    {t('hazards.loop.labelled', { label: basisLabel(e.action, t), value: e.basis })}
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
