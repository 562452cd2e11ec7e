/** How each step draws on the canvas: start/end circles, gateway diamonds, task cards. */
import { memo } from 'react';
import { ClockCircleOutlined, CloseOutlined, PlusOutlined, SafetyCertificateOutlined, TeamOutlined } from '@ant-design/icons';
import { Handle, Position, type NodeProps, type NodeTypes } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { Deadline } from '../../../../core/flows';
import { useDesigner } from './context';
import type { EndNode, GatewayNode, StartNode, TaskNodeRF } from './model';

const cls = (...names: (string | false | null | undefined)[]) => names.filter(Boolean).join(' ');

export function useDeadlineText() {
  const { t } = useTranslation();
  return (d: Deadline) => ('hours' in d ? t('flowDesigner.deadlineHours', { n: d.hours }) : t('flowDesigner.deadlineWorkingHours', { n: d.workingHours }));
}

const StartView = memo(function StartView({ id, selected }: NodeProps<StartNode>) {
  const { t } = useTranslation();
  const { badNodes } = useDesigner();
  return (
    <div className={cls('fd-node fd-circle fd-start', selected && 'is-selected', badNodes.has(id) && 'is-invalid')} data-testid={`designer-node-${id}`}>
      <span className="fd-circle-text">{t('flowDesigner.kind.start')}</span>
      <Handle type="source" position={Position.Right} />
    </div>
  );
});

const EndView = memo(function EndView({ id, data, selected }: NodeProps<EndNode>) {
  const { t } = useTranslation();
  const { badNodes } = useDesigner();
  return (
    <div className={cls('fd-node fd-circle fd-end', selected && 'is-selected', badNodes.has(id) && 'is-invalid')} data-testid={`designer-node-${id}`}>
      <span className="fd-circle-text">{t('flowDesigner.kind.end')}</span>
      {data.name && <div className="fd-caption">{data.name}</div>}
      <Handle type="target" position={Position.Left} />
    </div>
  );
});

const GatewayView = memo(function GatewayView({ id, data, selected }: NodeProps<GatewayNode>) {
  const { t } = useTranslation();
  const { badNodes } = useDesigner();
  const caption = data.name || t(data.mode === 'parallel' ? 'flowDesigner.kind.parallel' : 'flowDesigner.kind.exclusive');
  return (
    <div
      className={cls('fd-node fd-gateway', `fd-gateway-${data.mode}`, selected && 'is-selected', badNodes.has(id) && 'is-invalid')}
      data-testid={`designer-node-${id}`}
      title={caption}
    >
      <div className="fd-diamond" />
      <span className="fd-gateway-icon">{data.mode === 'parallel' ? <PlusOutlined /> : <CloseOutlined />}</span>
      <div className="fd-caption">{caption}</div>
      <Handle type="target" position={Position.Left} />
      <Handle type="source" position={Position.Right} />
    </div>
  );
});

const TaskView = memo(function TaskView({ id, data, selected }: NodeProps<TaskNodeRF>) {
  const { t } = useTranslation();
  const { badNodes, departmentName } = useDesigner();
  const deadline = useDeadlineText();
  const task = data.task;
  const code = task.assignee.departmentCode.trim();
  const dept = code ? (departmentName(code) ?? code) : null;
  return (
    <div className={cls('fd-node fd-task', selected && 'is-selected', badNodes.has(id) && 'is-invalid')} data-testid={`designer-node-${id}`}>
      <Handle type="target" position={Position.Left} />
      <div className="fd-task-head">
        <div className="fd-task-name" title={task.name}>
          {task.name || <span className="fd-muted">{t('flowDesigner.node.unnamed')}</span>}
        </div>
        {task.review && (
          <span className="fd-task-badge" title={t('flowDesigner.task.review')}>
            <SafetyCertificateOutlined />
          </span>
        )}
      </div>
      <div className={cls('fd-task-line', !dept && 'fd-warn')}>
        <TeamOutlined />
        <span className="fd-ellipsis">
          {dept ?? t('flowDesigner.node.noDepartment')}
          {task.assignee.role ? ` · ${task.assignee.role}` : ''}
        </span>
      </div>
      <div className="fd-task-line">
        <ClockCircleOutlined />
        <span className="fd-ellipsis">{deadline(task.deadline)}</span>
      </div>
      <Handle type="source" position={Position.Right} />
    </div>
  );
});

export const NODE_TYPES: NodeTypes = { start: StartView, end: EndView, gateway: GatewayView, task: TaskView };
