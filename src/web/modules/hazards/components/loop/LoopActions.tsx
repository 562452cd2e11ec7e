/** The loop's action buttons — each only when the server's `can` says so — and their dialogs. */
import { useState } from 'react';
import { AuditOutlined, CheckCircleOutlined, SendOutlined, ToolOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../../../ui/useIsPhone';
import type { LoopHazard } from '../../types';
import { AssessModal } from './AssessModal';
import { DispatchModal } from './DispatchModal';
import { SubmitModal } from './SubmitModal';
import { VerifyModal } from './VerifyModal';

type Dialog = 'assess' | 'dispatch' | 'submit' | 'verify' | null;

interface Props {
  hazard: LoopHazard;
  onReload: () => Promise<unknown>;
}

/** Whether the user can take any loop step on this hazard. */
export function hasLoopActions(h: LoopHazard): boolean {
  return !!(h.can?.assess || h.can?.dispatch || h.can?.submit || h.can?.verify);
}

export function LoopActions({ hazard, onReload }: Props) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const [open, setOpen] = useState<Dialog>(null);
  const can = hazard.can ?? {};
  const close = () => setOpen(null);
  const dialog = { hazard, onReload, onClose: close };
  // The step that moves the hazard on is the primary button; re-assessing is secondary.
  const reassess = hazard.status === 'assessed';

  const buttons = [
    can.assess && (
      <Button key="assess" type={reassess ? 'default' : 'primary'} icon={<AuditOutlined />} onClick={() => setOpen('assess')} data-testid="hazard-action-assess" block={phone}>
        {reassess ? t('hazards.loop.actions.reassess') : t('hazards.loop.actions.assess')}
      </Button>
    ),
    can.dispatch && (
      <Button key="dispatch" type="primary" icon={<SendOutlined />} onClick={() => setOpen('dispatch')} data-testid="hazard-action-dispatch" block={phone}>
        {t('hazards.loop.actions.dispatch')}
      </Button>
    ),
    can.submit && (
      <Button key="submit" type="primary" icon={<ToolOutlined />} onClick={() => setOpen('submit')} data-testid="hazard-action-submit" block={phone}>
        {t('hazards.loop.actions.submit')}
      </Button>
    ),
    can.verify && (
      <Button key="verify" type="primary" icon={<CheckCircleOutlined />} onClick={() => setOpen('verify')} data-testid="hazard-action-verify" block={phone}>
        {t('hazards.loop.actions.verify')}
      </Button>
    ),
  ].filter(Boolean);
  if (!buttons.length) return null;

  return (
    <>
      <Flex gap={8} wrap vertical={phone} data-testid="hazard-actions" style={phone ? { width: '100%' } : undefined}>
        {buttons}
      </Flex>
      {can.assess && <AssessModal {...dialog} open={open === 'assess'} />}
      {can.dispatch && <DispatchModal {...dialog} open={open === 'dispatch'} />}
      {can.submit && <SubmitModal {...dialog} open={open === 'submit'} />}
      {can.verify && <VerifyModal {...dialog} open={open === 'verify'} />}
    </>
  );
}
