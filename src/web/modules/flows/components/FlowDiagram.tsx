/**
 * A small read-only picture of the case's flow: the template's nodes in columns by depth
 * (parallel branches side by side), each coloured by its state — done, in hand, skipped, ahead.
 * Departments added by a participant rule follow in their own column.
 */
import { useMemo } from 'react';
import { ArrowRightOutlined, CheckCircleFilled, ClockCircleOutlined, MinusCircleOutlined } from '@ant-design/icons';
import { Flex, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFlowDepartments } from '../queries';
import type { FlowCaseDetail, FlowTask } from '../types';

type State = 'live' | 'dead' | 'done' | 'ahead';

const STYLE: Record<State, { border: string; background: string; color: string }> = {
  done: { border: '#95de64', background: '#f6ffed', color: '#389e0d' },
  live: { border: '#69b1ff', background: '#e6f4ff', color: '#0958d9' },
  dead: { border: '#d9d9d9', background: '#fafafa', color: 'rgba(0,0,0,0.35)' },
  ahead: { border: '#d9d9d9', background: '#fff', color: 'rgba(0,0,0,0.65)' },
};

/** Columns of node ids: each node one column after the deepest of its predecessors. */
function layers(flow: FlowCaseDetail): string[][] {
  const nodes = flow.definition?.nodes ?? [];
  const edges = flow.definition?.edges ?? [];
  const depth = new Map<string, number>();
  const incoming = new Map<string, string[]>();
  for (const e of edges) incoming.set(e.to, [...(incoming.get(e.to) ?? []), e.from]);
  const visit = (id: string, seen: Set<string>): number => {
    if (depth.has(id)) return depth.get(id)!;
    if (seen.has(id)) return 0; // not a DAG: do not loop
    seen.add(id);
    const d = Math.max(-1, ...(incoming.get(id) ?? []).map((p) => visit(p, seen))) + 1;
    depth.set(id, d);
    return d;
  };
  for (const n of nodes) visit(n.id, new Set());
  const cols: string[][] = [];
  for (const n of nodes) (cols[depth.get(n.id) ?? 0] ??= []).push(n.id);
  return cols.filter(Boolean);
}

function Box({ state, title, sub, round, testId }: { state: State; title: string; sub?: string; round?: boolean; testId?: string }) {
  const s = STYLE[state];
  const icon = state === 'done' ? <CheckCircleFilled /> : state === 'live' ? <ClockCircleOutlined /> : state === 'dead' ? <MinusCircleOutlined /> : null;
  return (
    <div
      data-testid={testId}
      data-state={state}
      style={{
        border: `1px ${state === 'dead' ? 'dashed' : 'solid'} ${s.border}`,
        background: s.background,
        color: s.color,
        borderRadius: round ? 16 : 6,
        padding: round ? '2px 12px' : '4px 10px',
        minWidth: round ? undefined : 96,
        maxWidth: 180,
        fontSize: 12,
        lineHeight: 1.4,
        textDecoration: state === 'dead' ? 'line-through' : undefined,
      }}
    >
      <div style={{ fontWeight: 500, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
        {icon} {title}
      </div>
      {sub && <div style={{ opacity: 0.8, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{sub}</div>}
    </div>
  );
}

function taskState(task: FlowTask | undefined, node: State): State {
  if (!task) return node;
  if (task.status === 'done') return 'done';
  if (task.status === 'cancelled') return 'dead';
  return 'live';
}

export function FlowDiagram({ flow }: { flow: FlowCaseDetail }) {
  const { t } = useTranslation();
  const cols = useMemo(() => layers(flow), [flow]);
  const byId = useMemo(() => new Map((flow.definition?.nodes ?? []).map((n) => [n.id, n])), [flow.definition]);
  const tasks = useMemo(() => new Map(flow.tasks.map((x) => [x.key, x])), [flow.tasks]);
  const added = flow.tasks.filter((x) => x.ruleId);
  // tasks not yet created: the template's department, by code
  const departments = useFlowDepartments();
  const deptName = useMemo(() => new Map((departments.data ?? []).map((d) => [d.code, d.name])), [departments.data]);
  if (!cols.length) return null;

  const nodeState = (id: string): State => (flow.nodeStates?.[id] as State | undefined) ?? 'ahead';
  const column = (ids: string[], key: string) => (
    <Flex key={key} vertical gap={6} align="center" justify="center">
      {ids.map((id) => {
        const n = byId.get(id)!;
        const state = nodeState(id);
        if (n.type === 'start') return <Box key={id} state={state === 'ahead' ? 'done' : state} title={t('flows.board.nodeStart')} round />;
        if (n.type === 'end') return <Box key={id} state={state} title={n.name || t('flows.board.nodeEnd')} round />;
        if (n.type === 'gateway') {
          return (
            <Tooltip key={id} title={n.name}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                ◇ {n.mode === 'parallel' ? t('flows.board.parallel') : t('flows.board.exclusive')}
              </Typography.Text>
            </Tooltip>
          );
        }
        const task = tasks.get(id);
        return (
          <Box
            key={id}
            state={taskState(task, state)}
            title={task?.department.name ?? deptName.get(n.assignee.departmentCode) ?? n.assignee.departmentCode}
            sub={n.name}
            testId={`flow-node-${id}`}
          />
        );
      })}
    </Flex>
  );

  const parts = cols.map((ids, i) => column(ids, `c${i}`));
  if (added.length) {
    parts.splice(
      Math.max(1, parts.length - 1),
      0,
      <Flex key="rules" vertical gap={6} align="center" justify="center">
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('flows.board.addedColumn')}
        </Typography.Text>
        {added.map((x) => (
          <Box key={x.key} state={taskState(x, 'live')} title={x.department.name} sub={x.name} testId={`flow-node-${x.key}`} />
        ))}
      </Flex>,
    );
  }

  return (
    <div style={{ overflowX: 'auto', paddingBottom: 4 }} data-testid="flow-diagram">
      <Flex align="center" gap={8} style={{ width: 'max-content', minWidth: '100%' }}>
        {parts.flatMap((p, i) => (i === 0 ? [p] : [<ArrowRightOutlined key={`a${i}`} style={{ color: '#bfbfbf', fontSize: 12 }} />, p]))}
      </Flex>
    </div>
  );
}
