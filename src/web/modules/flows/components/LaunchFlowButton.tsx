/** 发起协同 button + dialog, for users with flows.launch (from a hazard, or a case without subject). */
import { useState } from 'react';
import { PartitionOutlined } from '@ant-design/icons';
import { Button, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../platform/auth/AuthProvider';
import { FLOWS_LAUNCH } from '../permissions';
import { LaunchDialog, type LaunchSubject } from './LaunchDialog';

export function LaunchFlowButton({ subject, type = 'default', block }: { subject: LaunchSubject | null; type?: ButtonProps['type']; block?: boolean }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [open, setOpen] = useState(false);
  if (!can(FLOWS_LAUNCH)) return null;
  return (
    <>
      <Button type={type} icon={<PartitionOutlined />} onClick={() => setOpen(true)} data-testid="launch-flow-button" block={block}>
        {t('flows.launch.button')}
      </Button>
      <LaunchDialog open={open} onClose={() => setOpen(false)} subject={subject} />
    </>
  );
}
