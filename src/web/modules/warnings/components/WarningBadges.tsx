/**
 * The small marks every warning view shares: the colour badge (红色 I级 on the signal colour), the
 * source, the status tags (测试/演练 must never be mistaken for a real warning; 已更新; 已解除) and
 * the strip of department states. Raw values go into data-* attributes for tests.
 */
import { ApiOutlined, EditOutlined, ExperimentOutlined, HomeOutlined, SyncOutlined, CloudOutlined } from '@ant-design/icons';
import { Flex, Tag, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { COLOR_HEX, COLOR_TEXT, LEVEL_OF, type ResponseState, type SourceKind, type WarningColor, type WarningResponseSummary, type WarningSummary } from '../types';

export function ColorBadge({ color, size = 'default' }: { color: WarningColor; size?: 'default' | 'large' }) {
  const { t } = useTranslation();
  const large = size === 'large';
  return (
    <span
      className="zhian-warning-badge"
      data-testid="warning-color"
      data-color={color}
      style={{
        background: COLOR_HEX[color],
        color: COLOR_TEXT[color],
        padding: large ? '4px 12px' : '1px 8px',
        fontSize: large ? 15 : 12,
        borderRadius: 4,
        fontWeight: 600,
        whiteSpace: 'nowrap',
        display: 'inline-block',
        lineHeight: large ? '24px' : '20px',
      }}
    >
      {t(`warnings.color.${color}`)} {t('warnings.levelShort', { level: LEVEL_OF[color] })}
    </span>
  );
}

const SOURCE_ICON: Record<SourceKind, ReactNode> = { cap: <CloudOutlined />, sensor: <ApiOutlined />, manual: <EditOutlined />, neighbour: <HomeOutlined /> };

export function SourceTag({ kind, name }: { kind: SourceKind; name?: string | null }) {
  const { t } = useTranslation();
  const label = t(`warnings.source.${kind}`, { defaultValue: kind });
  return (
    <Tooltip title={name && name !== label ? name : undefined}>
      <Tag icon={SOURCE_ICON[kind]} data-testid="warning-source" data-kind={kind} style={{ marginInlineEnd: 0 }}>
        {kind === 'cap' && name ? name : label}
      </Tag>
    </Tooltip>
  );
}

/** 测试 / 演练 / 已更新 / 已解除 / 已闭环 — only the ones that apply. */
export function StatusTags({ w }: { w: Pick<WarningSummary, 'status' | 'msgType' | 'state' | 'loop'> }) {
  const { t } = useTranslation();
  const tags: ReactNode[] = [];
  if (w.status !== 'Actual') {
    tags.push(
      <Tooltip key="status" title={t('warnings.notActual')}>
        <Tag color="purple" icon={<ExperimentOutlined />} data-testid="warning-status-tag" data-status={w.status} style={{ marginInlineEnd: 0, fontWeight: 600, borderStyle: 'dashed' }}>
          {t(`warnings.capStatus.${w.status}`)}
        </Tag>
      </Tooltip>,
    );
  }
  if (w.msgType === 'Update' && w.state === 'active') {
    tags.push(
      <Tag key="updated" color="gold" icon={<SyncOutlined />} data-testid="warning-updated-tag" style={{ marginInlineEnd: 0 }}>
        {t('warnings.updated')}
      </Tag>,
    );
  }
  if (w.state !== 'active') {
    tags.push(
      <Tag key="state" color={w.state === 'closed' ? 'success' : 'default'} data-testid="warning-state-tag" data-state={w.state} style={{ marginInlineEnd: 0 }}>
        {t(`warnings.state.${w.state}`)}
      </Tag>,
    );
  } else if (w.loop === 'closed') {
    tags.push(
      <Tag key="loop" color="success" data-testid="warning-loop-tag" style={{ marginInlineEnd: 0 }}>
        {t('warnings.loop.closed')}
      </Tag>,
    );
  }
  return <>{tags}</>;
}

export const RESPONSE_COLOR: Record<ResponseState, string> = {
  instructed: 'processing',
  acknowledged: 'cyan',
  reported: 'success',
  overdue: 'error',
  stood_down: 'default',
};

export function ResponseStateTag({ state, testId }: { state: ResponseState; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={RESPONSE_COLOR[state]} data-testid={testId} data-state={state} style={{ marginInlineEnd: 0 }}>
      {t(`warnings.responseState.${state}`)}
    </Tag>
  );
}

/** One tag per instructed department: 后勤部 已确认 … (mine outlined in blue). */
export function DepartmentStrip({ responses, myDepartmentId }: { responses: WarningResponseSummary[]; myDepartmentId?: string | null }) {
  const { t } = useTranslation();
  if (!responses.length) return null;
  return (
    <Flex wrap gap={4} data-testid="warning-department-strip">
      {responses.map((r) => (
        <Tag
          key={r.departmentId}
          color={RESPONSE_COLOR[r.state]}
          data-testid="warning-department-state"
          data-department={r.departmentName}
          data-state={r.state}
          style={{ marginInlineEnd: 0, ...(r.departmentId === myDepartmentId ? { fontWeight: 600, boxShadow: '0 0 0 1px #1677ff' } : null) }}
        >
          {r.departmentName} · {t(`warnings.responseState.${r.state}`)}
        </Tag>
      ))}
    </Flex>
  );
}

/** "2/3" of the departments that reported measures (stood-down ones do not count). */
export function answeredCount(responses: { state: ResponseState }[]): { done: number; total: number } {
  const live = responses.filter((r) => r.state !== 'stood_down');
  return { done: live.filter((r) => r.state === 'reported').length, total: live.length };
}
