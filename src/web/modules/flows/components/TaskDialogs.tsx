/** The small task dialogs: 退回 (reason), 申请延期 (until + reason), 延期审批 (同意/拒绝 + comment). */
import { useEffect } from 'react';
import { Alert, Button, DatePicker, Flex, Form, Input, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { pickerValue, wallClockToIso } from '../../../platform/time';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../ui/DateTime';
import { useIsPhone } from '../../../ui/useIsPhone';
import type { FlowTask } from '../types';
import { useTaskStep } from './useTaskStep';

interface Props {
  task: FlowTask;
  open: boolean;
  onClose: () => void;
}

const label = (task: FlowTask) => `${task.department.name} · ${task.name}`;

export function RejectModal({ task, open, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const { run, pending } = useTaskStep(task, 'reject', { open, onClose, form, fields: ['reason'] });
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const onOk = async () => {
    const v = await form.validateFields().catch(() => null);
    if (v) await run({ reason: v.reason.trim() }, t('flows.dialogs.rejected'));
  };
  return (
    <Modal
      title={t('flows.dialogs.rejectTitle', { name: label(task) })}
      open={open}
      onCancel={onClose}
      onOk={onOk}
      okText={t('flows.actions.reject')}
      okButtonProps={{ danger: true, 'data-testid': 'flow-task-dialog-ok' }}
      confirmLoading={pending}
      forceRender
    >
      <Form form={form} layout="vertical" disabled={pending}>
        <Form.Item name="reason" label={t('flows.dialogs.rejectReason')} rules={[{ required: true, whitespace: true, message: t('flows.dialogs.rejectReasonRequired') }, { max: 1000 }]}>
          <Input.TextArea rows={3} maxLength={1000} placeholder={t('flows.dialogs.rejectPlaceholder')} data-testid="flow-reject-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ExtensionModal({ task, open, onClose }: Props) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const [form] = Form.useForm<{ until: Dayjs; reason: string }>();
  const { run, pending } = useTaskStep(task, 'extension', { open, onClose, form, fields: ['until', 'reason'] });
  const due = pickerValue(task.dueAt)!;
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    const now = pickerValue(Date.now())!;
    const base = due.isAfter(now) ? due : now;
    form.setFieldsValue({ until: base.add(1, 'day').minute(0).second(0).millisecond(0) });
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps
  const onOk = async () => {
    const v = await form.validateFields().catch(() => null);
    if (v) await run({ until: wallClockToIso(v.until), reason: v.reason.trim() }, t('flows.dialogs.extensionRequested'));
  };
  return (
    <Modal
      title={t('flows.dialogs.extensionTitle', { name: label(task) })}
      open={open}
      onCancel={onClose}
      onOk={onOk}
      okText={t('common.submit')}
      okButtonProps={{ 'data-testid': 'flow-task-dialog-ok' }}
      confirmLoading={pending}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('flows.dialogs.currentDue', { time: formatDateTime(task.dueAt) })}</Typography.Paragraph>
      <Form form={form} layout="vertical" disabled={pending}>
        <Form.Item
          name="until"
          label={t('flows.dialogs.until')}
          rules={[
            { required: true, message: t('flows.dialogs.untilRequired') },
            { validator: async (_, v?: Dayjs) => { if (v && !v.isAfter(due)) throw new Error(t('flows.dialogs.untilAfterDue')); } },
          ]}
        >
          <DatePicker
            showTime={{ format: 'HH:mm', minuteStep: 5 }}
            format="YYYY-MM-DD HH:mm"
            disabledDate={(d) => d.isBefore(due, 'day')}
            style={{ width: phone ? '100%' : 240 }}
            data-testid="flow-extension-until"
          />
        </Form.Item>
        <Form.Item name="reason" label={t('flows.dialogs.reason')} rules={[{ required: true, whitespace: true, message: t('flows.dialogs.reasonRequired') }, { max: 1000 }]}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="flow-extension-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function DecideExtensionModal({ task, open, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ comment?: string }>();
  const { run, pending } = useTaskStep(task, 'decide', { open, onClose, form, fields: ['comment'] });
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const decide = async (approve: boolean) => {
    const comment = (form.getFieldValue('comment') as string | undefined)?.trim();
    await run({ approve, ...(comment ? { comment } : {}) }, approve ? t('flows.dialogs.extensionApproved') : t('flows.dialogs.extensionRefused'));
  };
  const ext = task.extension;
  return (
    <Modal
      title={t('flows.dialogs.decideTitle', { name: label(task) })}
      open={open}
      onCancel={onClose}
      forceRender
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button danger onClick={() => void decide(false)} loading={pending} data-testid="flow-extension-refuse">
            {t('flows.dialogs.refuse')}
          </Button>
          <Button type="primary" onClick={() => void decide(true)} loading={pending} data-testid="flow-extension-approve">
            {t('flows.dialogs.approveExtension')}
          </Button>
        </Flex>
      }
    >
      {ext && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('flows.task.extensionRequested', { until: formatDateTime(ext.until) })}
          description={
            <>
              <div>{t('flows.dialogs.currentDue', { time: formatDateTime(task.dueAt) })}</div>
              <div style={{ whiteSpace: 'pre-wrap' }}>{t('flows.dialogs.reasonIs', { reason: ext.reason })}</div>
            </>
          }
        />
      )}
      <Form form={form} layout="vertical" disabled={pending}>
        <Form.Item name="comment" label={t('flows.dialogs.comment')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="flow-extension-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
