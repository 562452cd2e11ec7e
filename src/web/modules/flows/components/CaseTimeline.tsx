/** 协同记录: every event of the case — who, what (server-made text), when. */
import { Empty, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../ui/DateTime';
import type { TimelineEvent } from '../types';

function colorOf(kind: string): string {
  if (/cancel|reject|refus|overdue|escalat/.test(kind)) return 'red';
  if (/complete|approv|done|finish/.test(kind)) return 'green';
  if (/remind|extension/.test(kind)) return 'orange';
  return 'blue';
}

export function CaseTimeline({ events, taskNames }: { events: TimelineEvent[]; taskNames: Record<string, string> }) {
  const { t } = useTranslation();
  if (!events.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('flows.board.noEvents')} />;
  return (
    <div data-testid="flow-timeline">
      <Timeline
        items={events.map((e) => {
          // the server's text usually names the actor and the task already
          const actor = e.actor && !e.text.includes(e.actor.displayName) ? e.actor.displayName : null;
          const task = e.taskKey ? taskNames[e.taskKey] : undefined;
          return {
            key: e.id,
            color: colorOf(e.kind),
            content: (
              <div data-testid="flow-timeline-item" data-kind={e.kind} data-task={e.taskKey ?? undefined}>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {formatDateTime(e.at)}
                </Typography.Text>
                {actor && <Typography.Text strong>{actor} </Typography.Text>}
                <span>{e.text}</span>
                {task && !e.text.includes(task) && <Typography.Text type="secondary"> · {task}</Typography.Text>}
              </div>
            ),
          };
        })}
      />
    </div>
  );
}
