/**
 * 讨论室 on a record's page: the room's whole history belongs to the record (its timeline and
 * evidence); one click opens the room with the record's participants.
 */
import { CommentOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Space, Timeline, Typography } from 'antd';
import { meetingApi } from '../meetings/api';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { formatDateTime } from '../../../ui/DateTime';
import { errorText } from '../../../ui/errors';
import { commsApi } from '../api';
import { useRecordHistory } from '../queries';
import type { SubjectType } from '../types';

export function RecordRoomCard({ type, id }: { type: SubjectType; id: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const history = useRecordHistory(type, id);
  const items = history.data?.items ?? [];
  const open = async () => {
    try {
      const room = history.data?.conversationId ? { id: history.data.conversationId } : await commsApi.recordRoom(type, id);
      navigate(`/messages/${room.id}`);
    } catch (err) {
      message.error(errorText(err, t));
    }
  };
  return (
    <Card
      size="small"
      title={t('comms.roomTitle')}
      data-testid="record-room"
      extra={
        <Space size={4} wrap>
          <Button
            size="small"
            icon={<VideoCameraOutlined />}
            data-testid="record-meeting-start"
            onClick={async () => {
              try {
                navigate(`/meetings/${(await meetingApi.startFromRecord(type, id)).id}`);
              } catch (err) {
                message.error(errorText(err, t));
              }
            }}
          >
            {t('meetings.startFromRecord')}
          </Button>
          <Button size="small" type="primary" icon={<CommentOutlined />} onClick={() => void open()} data-testid="record-room-open">
            {t('comms.openRoom')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('comms.roomHint')}
      </Typography.Paragraph>
      {(history.data?.meetings ?? []).map((m) => (
        <Typography.Paragraph key={m.id} style={{ fontSize: 12, marginBottom: 4 }} data-testid="record-meeting">
          <VideoCameraOutlined /> {formatDateTime(m.startedAt)}{' '}
          {t('meetings.heldLine', { title: m.title, people: m.attendance.map((a) => `${a.displayName}（${t('meetings.minutes', { count: a.minutes })}）`).join('、') })}
        </Typography.Paragraph>
      ))}
      {items.length ? (
        <div style={{ maxHeight: 320, overflow: 'auto' }}>
          <Timeline
            items={items.map((m) => ({
              key: m.id,
              color: m.kind === 'system' ? 'gray' : 'blue',
              content: (
                <div data-testid="record-room-item">
                  <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                    {formatDateTime(m.createdAt)}
                  </Typography.Text>
                  {m.author && <Typography.Text strong>{m.author.displayName}：</Typography.Text>}
                  {m.withdrawn ? <Typography.Text type="secondary">{t('comms.withdrawn', { name: '' })}</Typography.Text> : m.body}
                  {m.files.length > 0 && <Typography.Text type="secondary"> [{m.files.map((f) => f.name).join('、')}]</Typography.Text>}
                </div>
              ),
            }))}
          />
        </div>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('comms.roomEmpty')} />
      )}
    </Card>
  );
}
