/** Start the conversation's video meeting and go to it. */
import { VideoCameraOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorText } from '../../../ui/errors';
import { meetingApi } from './api';

export function MeetingButton({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  return (
    <Button
      size="small"
      icon={<VideoCameraOutlined />}
      data-testid="meeting-start"
      onClick={async () => {
        try {
          const { id } = await meetingApi.start(conversationId);
          navigate(`/meetings/${id}`);
        } catch (err) {
          message.error(errorText(err, t));
        }
      }}
    >
      {t('meetings.start')}
    </Button>
  );
}
