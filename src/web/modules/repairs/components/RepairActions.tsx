/**
 * 接单 (start: assignee + repair plan + files) and 完成维修 (complete: result note), each only when
 * the server's `can` allows. A 409 (someone acted first) reloads the order and closes the dialog.
 */
import { useEffect, useState } from 'react';
import { CheckCircleOutlined, ToolOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Input, Modal, Select, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../platform/api/client';
import { useMe } from '../../../platform/auth/AuthProvider';
import { applyFieldErrors, errorText } from '../../../ui/errors';
import { useIsPhone } from '../../../ui/useIsPhone';
import type { RepairOrder } from '../api';
import { useCompleteRepair, useDepartmentStaff, useStartRepair } from '../queries';
import { isUploading, PlanFilesUpload, uploadedIds, type PlanFile } from './PlanFilesUpload';

interface DialogProps {
  order: RepairOrder;
  open: boolean;
  onClose: () => void;
  onReload: () => Promise<unknown>;
}

function useFailure(form: FormInstance<any>, onReload: () => Promise<unknown>, onClose: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return async (err: unknown) => {
    if (isApiError(err) && err.status === 409) {
      message.warning(err.code === 'VERSION_CONFLICT' ? t('repairs.conflict') : errorText(err, t));
      await onReload();
      onClose();
      return;
    }
    const rest = applyFieldErrors(form, err);
    message.error(rest.length ? `${errorText(err, t)}: ${rest.join('; ')}` : errorText(err, t));
  };
}

interface StartValues {
  assigneeId?: string;
  plan: string;
  planFiles?: PlanFile[];
}

function StartModal({ order, open, onClose, onReload }: DialogProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm<StartValues>();
  const staff = useDepartmentStaff(open ? order.department.id : undefined);
  const start = useStartRepair(order.id);
  const files = Form.useWatch('planFiles', form);
  const fail = useFailure(form, onReload, onClose);
  const [version, setVersion] = useState(order.version);

  useEffect(() => {
    if (!open) return;
    setVersion(order.version);
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps

  const onOk = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      const ids = uploadedIds(v.planFiles);
      await start.mutateAsync({ version, assigneeId: v.assigneeId, plan: v.plan.trim(), ...(ids.length ? { planFiles: ids } : {}) });
      message.success(t('repairs.started'));
      onClose();
    } catch (err) {
      await fail(err);
    }
  };

  return (
    <Modal
      title={t('repairs.startTitle', { code: order.code })}
      open={open}
      onCancel={onClose}
      onOk={onOk}
      okText={t('repairs.startOk')}
      confirmLoading={start.isPending}
      okButtonProps={{ disabled: isUploading(files), 'data-testid': 'repair-start-ok' }}
      destroyOnHidden
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        disabled={start.isPending}
        preserve={false}
        initialValues={{ assigneeId: me.department?.id === order.department.id ? me.id : undefined, planFiles: [] }}
      >
        <Form.Item name="assigneeId" label={t('repairs.field.assignee')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={staff.isPending && !!open}
            placeholder={t('repairs.assigneePlaceholder')}
            options={(staff.data ?? []).map((u) => ({ value: u.id, label: u.position ? `${u.displayName}（${u.position}）` : u.displayName }))}
            data-testid="repair-start-assignee"
          />
        </Form.Item>
        <Form.Item
          name="plan"
          label={t('repairs.field.plan')}
          rules={[{ required: true, whitespace: true, message: t('repairs.planRequired') }, { max: 5000 }]}
        >
          <Input.TextArea rows={5} maxLength={5000} showCount placeholder={t('repairs.planPlaceholder')} data-testid="repair-start-plan" />
        </Form.Item>
        <Form.Item name="planFiles" label={t('repairs.field.planFiles')} extra={t('repairs.filesHint')}>
          <PlanFilesUpload />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CompleteModal({ order, open, onClose, onReload }: DialogProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string }>();
  const complete = useCompleteRepair(order.id);
  const fail = useFailure(form, onReload, onClose);
  const [version, setVersion] = useState(order.version);

  useEffect(() => {
    if (!open) return;
    setVersion(order.version);
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps

  const onOk = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await complete.mutateAsync({ version, note: v.note.trim() });
      message.success(t('repairs.completed'));
      onClose();
    } catch (err) {
      await fail(err);
    }
  };

  return (
    <Modal
      title={t('repairs.completeTitle', { code: order.code })}
      open={open}
      onCancel={onClose}
      onOk={onOk}
      okText={t('repairs.completeOk')}
      confirmLoading={complete.isPending}
      okButtonProps={{ 'data-testid': 'repair-complete-ok' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" disabled={complete.isPending} preserve={false}>
        <Form.Item name="note" label={t('repairs.field.resultNote')} rules={[{ required: true, whitespace: true, message: t('repairs.noteRequired') }, { max: 5000 }]}>
          <Input.TextArea rows={4} maxLength={5000} showCount placeholder={t('repairs.notePlaceholder')} data-testid="repair-complete-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function RepairActions({ order, onReload }: { order: RepairOrder; onReload: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const [open, setOpen] = useState<'start' | 'complete' | null>(null);
  if (!order.can.start && !order.can.complete) return null;
  const close = () => setOpen(null);
  return (
    <>
      <Flex gap={8} wrap data-testid="repair-actions">
        {order.can.start && (
          <Button type="primary" icon={<ToolOutlined />} onClick={() => setOpen('start')} data-testid="repair-action-start" block={phone}>
            {t('repairs.start')}
          </Button>
        )}
        {order.can.complete && (
          <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => setOpen('complete')} data-testid="repair-action-complete" block={phone}>
            {t('repairs.complete')}
          </Button>
        )}
      </Flex>
      {order.can.start && <StartModal order={order} open={open === 'start'} onClose={close} onReload={onReload} />}
      {order.can.complete && <CompleteModal order={order} open={open === 'complete'} onClose={close} onReload={onReload} />}
    </>
  );
}
