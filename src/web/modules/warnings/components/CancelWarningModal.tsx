/** 解除预警 (warnings.manage): a manual or sensor warning is called off with a reason; open responses stand down. */
import { useEffect, useState } from 'react';
import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCancelWarning } from '../queries';
import type { WarningDetail } from '../types';
import { useWarningStep } from './useWarningStep';

export function CancelWarningModal({ w, open, onClose }: { w: WarningDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useCancelWarning(w.id);
  const run = useWarningStep(w.id);
  const [version, setVersion] = useState(w.version);
  useEffect(() => {
    if (open) {
      form.resetFields();
      setVersion(w.version);
    }
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps
  const onOk = async () => {
    const v = await form.validateFields().catch(() => null);
    if (v) await run(() => cancel.mutateAsync({ version, reason: v.reason.trim() }), t('warnings.cancel.done'), { form, onClose });
  };
  return (
    <Modal
      title={t('warnings.cancel.title')}
      open={open}
      onCancel={onClose}
      onOk={onOk}
      okText={t('warnings.cancel.button')}
      okButtonProps={{ danger: true, 'data-testid': 'warning-cancel-submit' }}
      confirmLoading={cancel.isPending}
      forceRender
    >
      <Form form={form} layout="vertical" disabled={cancel.isPending}>
        <Form.Item name="reason" label={t('warnings.cancel.reason')} rules={[{ required: true, whitespace: true, message: t('warnings.cancel.reasonRequired') }, { max: 1000 }]}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="warning-cancel-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
