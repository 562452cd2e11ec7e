/** Anywhere in the app: an invitation to a meeting rings (a notification with 加入) the moment it starts. */
import { App, Button, Space } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRealtimeEvents } from '../../../platform/realtime/RealtimeProvider';
import { meetingApi } from './api';

const ringingKey = ['comms', 'ringing'] as const;

export function MeetingRinger() {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const ringing = useQuery({ queryKey: ringingKey, queryFn: ({ signal }) => meetingApi.ringing(signal), staleTime: 10_000 });
  const shown = useRef(new Set<string>());
  useRealtimeEvents((e) => {
    if (e.type === 'meeting.updated') void qc.invalidateQueries({ queryKey: ringingKey });
  });
  useEffect(() => {
    const open = new Set((ringing.data?.items ?? []).map((m) => m.id));
    for (const m of ringing.data?.items ?? []) {
      if (shown.current.has(m.id) || location.pathname === `/meetings/${m.id}`) continue;
      shown.current.add(m.id);
      notification.open({
        key: `meeting:${m.id}`,
        message: t('meetings.ringingTitle', { name: m.startedBy }),
        description: m.title,
        duration: 0,
        placement: 'topRight',
        actions: (
          <Space>
            <Button size="small" onClick={() => notification.destroy(`meeting:${m.id}`)}>
              {t('meetings.decline')}
            </Button>
            <Button
              type="primary"
              size="small"
              data-testid="meeting-answer"
              onClick={() => {
                notification.destroy(`meeting:${m.id}`);
                navigate(`/meetings/${m.id}`);
              }}
            >
              {t('meetings.answer')}
            </Button>
          </Space>
        ),
      });
    }
    // ended or joined elsewhere: stop ringing
    for (const id of shown.current) if (!open.has(id)) notification.destroy(`meeting:${id}`);
  }, [ringing.data, notification, navigate, t]);
  return null;
}
