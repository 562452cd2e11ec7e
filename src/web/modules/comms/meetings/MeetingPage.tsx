/** A video meeting: the videos (a mesh), controls, who is in it, and the record's live data beside. */
import { AudioMutedOutlined, AudioOutlined, DesktopOutlined, PhoneOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, List, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMe } from '../../../platform/auth/AuthProvider';
import { useRealtimeEvents } from '../../../platform/realtime/RealtimeProvider';
import { formatDateTime } from '../../../ui/DateTime';
import { errorText } from '../../../ui/errors';
import { usePageTitle } from '../../../ui/usePageTitle';
import { meetingApi } from './api';
import { useMesh } from './useMesh';
import { MeetingLive } from './MeetingLive';
import '../comms.css';

function VideoTile({ stream, label, muted, testId }: { stream: MediaStream; label: string; muted?: boolean; testId: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.srcObject !== stream) ref.current.srcObject = stream;
  }, [stream]);
  return (
    <div className="zhian-meeting-tile" data-testid={testId}>
      <video ref={ref} autoPlay playsInline muted={muted} />
      <span className="zhian-meeting-label">{label}</span>
    </div>
  );
}

const meetingKey = (id: string) => ['comms', 'meeting', id] as const;

export default function MeetingPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const qc = useQueryClient();
  const meeting = useQuery({ queryKey: meetingKey(id), queryFn: ({ signal }) => meetingApi.get(id, signal), retry: false });
  const mesh = useMesh(id, me.id, meeting.data?.iceServers ?? []);
  const [joined, setJoined] = useState(false);
  const [mic, setMic] = useState(true);
  const [cam, setCam] = useState(true);
  usePageTitle(meeting.data?.title ?? t('meetings.title'));

  useRealtimeEvents((e) => {
    if (e.type === 'meeting.signal' && e.subjectId && joined) void mesh.onSignal(e.subjectId);
    if (e.type === 'meeting.updated' && e.subjectId === id) void qc.invalidateQueries({ queryKey: meetingKey(id) });
  });

  // someone left: their connection goes
  const present = meeting.data?.present.map((p) => p.id).join(',') ?? '';
  useEffect(() => {
    if (joined) mesh.retain(present.split(',').filter(Boolean));
  }, [present, joined, mesh]);

  // leaving the page leaves the meeting
  useEffect(() => {
    if (!joined) return;
    const bye = () => navigator.sendBeacon?.(`/api/v1/comms/meetings/${id}/leave`);
    window.addEventListener('pagehide', bye);
    return () => {
      window.removeEventListener('pagehide', bye);
      void meetingApi.leave(id).catch(() => {});
    };
  }, [joined, id]);

  if (meeting.isError) return <Alert type="warning" showIcon message={errorText(meeting.error, t)} />;
  if (!meeting.data) return <Skeleton active />;
  const m = meeting.data;
  const secure = window.isSecureContext && !!navigator.mediaDevices;
  const names = new Map([...m.invited, ...m.present].map((p) => [p.id, p.displayName]));

  const join = async () => {
    try {
      await mesh.start();
      const joinedMeeting = await meetingApi.join(id);
      qc.setQueryData(meetingKey(id), joinedMeeting);
      setJoined(true);
      mesh.connectTo(joinedMeeting.present.map((p) => p.id));
    } catch (err) {
      message.error(errorText(err, t));
    }
  };
  const leave = async () => {
    mesh.close();
    setJoined(false);
    await meetingApi.leave(id).catch(() => {});
    void qc.invalidateQueries({ queryKey: meetingKey(id) });
  };

  return (
    <Flex vertical gap={12} data-testid="meeting-page" data-joined={joined} data-state={m.state}>
      <Flex align="center" gap={8} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {m.title}
        </Typography.Title>
        <Tag color={m.state === 'open' ? 'green' : 'default'}>{t(`meetings.state.${m.state}`)}</Tag>
        <Link to={`/messages/${m.conversationId}`}>{t('meetings.backToRoom')}</Link>
      </Flex>
      {!secure && <Alert type="warning" showIcon message={t('meetings.insecureTitle')} description={t('meetings.insecure')} data-testid="meeting-insecure" />}
      {mesh.mediaError && secure && <Alert type="info" showIcon message={t('meetings.noDevice', { reason: mesh.mediaError })} />}
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={16}>
          <Card size="small" styles={{ body: { padding: 8 } }}>
            <div className="zhian-meeting-grid" data-testid="meeting-videos">
              {mesh.localStream && <VideoTile stream={mesh.localStream} label={t('comms.you')} muted testId="meeting-local" />}
              {mesh.remotes.flatMap((r) =>
                r.streams.map((s, i) => <VideoTile key={s.id} stream={s} label={`${names.get(r.userId) ?? ''}${i ? ` · ${t('meetings.screen')}` : ''}`} testId="meeting-remote" />),
              )}
              {!joined && <div className="zhian-meeting-empty">{m.state === 'open' ? t('meetings.notJoined') : t('meetings.ended')}</div>}
            </div>
            <Space wrap style={{ marginTop: 8 }}>
              {!joined ? (
                <Button type="primary" icon={<VideoCameraOutlined />} disabled={!m.can.join} onClick={() => void join()} data-testid="meeting-join">
                  {t('meetings.join')}
                </Button>
              ) : (
                <>
                  <Button icon={mic ? <AudioOutlined /> : <AudioMutedOutlined />} onClick={() => (mesh.toggle('audio', !mic), setMic(!mic))}>
                    {mic ? t('meetings.mute') : t('meetings.unmute')}
                  </Button>
                  <Button icon={<VideoCameraOutlined />} onClick={() => (mesh.toggle('video', !cam), setCam(!cam))}>
                    {cam ? t('meetings.cameraOff') : t('meetings.cameraOn')}
                  </Button>
                  <Button
                    icon={<DesktopOutlined />}
                    disabled={!navigator.mediaDevices?.getDisplayMedia}
                    onClick={() => void (mesh.sharing ? mesh.stopShare() : mesh.shareScreen().catch((err) => message.warning(String((err as Error).message))))}
                    data-testid="meeting-share"
                  >
                    {mesh.sharing ? t('meetings.stopShare') : t('meetings.share')}
                  </Button>
                  <Button danger icon={<PhoneOutlined />} onClick={() => void leave()} data-testid="meeting-leave">
                    {t('meetings.leave')}
                  </Button>
                </>
              )}
            </Space>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={12}>
            <Card size="small" title={t('meetings.people', { count: m.present.length, limit: m.meshLimit })}>
              <List
                size="small"
                dataSource={m.attendance}
                data-testid="meeting-attendance"
                renderItem={(a) => (
                  <List.Item data-testid="meeting-attendee" data-present={!a.leftAt}>
                    <Space>
                      <Tag color={a.leftAt ? 'default' : 'green'}>{a.leftAt ? t('meetings.left') : t('meetings.in')}</Tag>
                      {a.displayName}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {a.departmentName} · {formatDateTime(a.joinedAt)} · {t('meetings.minutes', { count: a.minutes })}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
            <MeetingLive meeting={m} />
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}
