/** 验收: pass (销号) or reject back to rectification, with the reason. */
import { useEffect } from 'react';
import { Alert, Form, Input, Modal, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../../../ui/useIsPhone';
import { useStep, type StepDialogProps } from './useStep';

interface Values {
  result: 'pass' | 'reject';
  comment?: string;
}

export function VerifyModal(props: StepDialogProps) {
  const { hazard, open, onClose } = props;
  const { t } = useTranslation();
  const phone = useIsPhone();
  const [form] = Form.useForm<Values>();
  const { run, pending } = useStep('verify', props, form, { fields: ['result', 'comment'] });
  const result = Form.useWatch('result', form);
  const rejects = hazard.rectification?.rejectCount ?? 0;

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({ result: 'pass', comment: '' });
    }
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps

  const onOk = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    await run({ result: v.result, comment: v.comment?.trim() || undefined }, () =>
      v.result === 'pass' ? t('hazards.loop.verify.passed') : t('hazards.loop.verify.rejected'),
    );
  };

  return (
    <Modal
      open={open}
      title={t('hazards.loop.verify.title')}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      onOk={onOk}
      onCancel={onClose}
      confirmLoading={pending}
      style={phone ? { top: 12 } : undefined}
      forceRender
      okButtonProps={{ danger: result === 'reject', 'data-testid': 'hazard-verify-submit' }}
    >
      <Form form={form} layout="vertical" data-testid="hazard-verify-form">
        {rejects > 0 && <Alert type="warning" showIcon title={t('hazards.loop.rejected', { count: rejects })} style={{ marginBottom: 16 }} />}
        <Form.Item name="result" label={t('hazards.loop.verify.result')}>
          <Radio.Group data-testid="hazard-verify-result" onChange={() => form.setFields([{ name: 'comment', errors: [] }])}>
            <Radio value="pass" data-testid="hazard-verify-pass">
              {t('hazards.loop.verify.pass')}
            </Radio>
            <Radio value="reject" data-testid="hazard-verify-reject">
              {t('hazards.loop.verify.reject')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="comment"
          label={result === 'reject' ? t('hazards.loop.verify.reason') : t('hazards.loop.verify.comment')}
          rules={[{ required: result === 'reject', whitespace: true, message: t('hazards.loop.verify.reasonRequired') }, { max: 2000 }]}
        >
          <Input.TextArea rows={3} maxLength={2000} data-testid="hazard-verify-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
