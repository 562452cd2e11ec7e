/** 消息: the list beside the open conversation on a desktop; on a phone one or the other. */
import { Card, Col, Empty, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { usePageTitle } from '../../../ui/usePageTitle';
import { useIsPhone } from '../../../ui/useIsPhone';
import { ConversationList } from '../components/ConversationList';
import { ConversationView } from '../components/ConversationView';
import { MeetingButton } from '../meetings/MeetingButton';
import '../comms.css';

export default function MessagesPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const phone = useIsPhone();
  usePageTitle(t('comms.title'));
  const view = id ? <ConversationView key={id} id={id} extra={<MeetingButton conversationId={id} />} /> : <Empty description={t('comms.pick')} style={{ marginTop: 80 }} />;
  if (phone) return <div data-testid="messages-page">{id ? view : <ConversationList />}</div>;
  return (
    <Row gutter={16} data-testid="messages-page">
      <Col span={8}>
        <Card size="small" styles={{ body: { padding: 8 } }} style={{ height: 'calc(100vh - 140px)', overflow: 'auto' }}>
          <ConversationList activeId={id} />
        </Card>
      </Col>
      <Col span={16}>
        <Card size="small" styles={{ body: { padding: 0, height: '100%' } }} style={{ height: 'calc(100vh - 140px)' }}>
          {view}
        </Card>
      </Col>
    </Row>
  );
}
