import { Progress } from 'antd';
import type { FlowCase } from '../types';

/** done/total tasks as a small bar (grey once the case is cancelled). */
export function CaseProgress({ flow, width = 120 }: { flow: Pick<FlowCase, 'progress' | 'status'>; width?: number | string }) {
  const { done, total } = flow.progress;
  return (
    <Progress
      percent={total ? Math.round((done / total) * 100) : 0}
      size="small"
      style={{ width, margin: 0 }}
      format={() => `${done}/${total}`}
      strokeColor={flow.status === 'cancelled' ? '#bfbfbf' : undefined}
      status={flow.status === 'running' ? 'active' : 'normal'}
      data-testid="flow-progress"
    />
  );
}
