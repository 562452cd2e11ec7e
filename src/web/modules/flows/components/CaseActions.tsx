/**
 * Case-level actions: 修改案件数据 (may add departments by the template's participant rules) and
 * 取消协同 with a reason — each when the server's `can` allows. A 409 reloads the case.
 */
import { useEffect, useState } from 'react';
import { EditOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Input, Modal, type FormInstance } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../platform/api/client';
import { errorText } from '../../../ui/errors';
import { useIsPhone } from '../../../ui/useIsPhone';
import { flowKeys, useCancelCase, usePatchCaseData } from '../queries';
import type { FlowCaseDetail } from '../types';
import { cleanData, DataFields, dataFor } from './DataFields';

interface DialogProps {
  flow: FlowCaseDetail;
  open: boolean;
  onClose: () => void;
}

function useFailure(flow: FlowCaseDetail, form: FormInstance, onClose: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  return async (err: unknown) => {
    if (isApiError(err) && err.status === 409) {
      message.warning(err.code === 'VERSION_CONFLICT' ? t('flows.board.caseConflict') : errorText(err, t));
      await qc.invalidateQueries({ queryKey: flowKeys.case(flow.id) });
      onClose();
      return;
    }
    const rest: string[] = [];
    const byField: { name: (string | number)[]; errors: string[] }[] = [];
    for (const d of isApiError(err) ? err.details : []) {
      const parts = d.path.split('.').filter(Boolean);
      if (parts[0] === 'body') parts.shift();
      if ((parts[0] === 'data' && parts[1]) || parts[0] === 'reason') byField.push({ name: parts[0] === 'data' ? ['data', parts[1]] : ['reason'], errors: [d.message] });
      else rest.push(d.path ? `${d.path}: ${d.message}` : d.message);
    }
    form.setFields(byField);
    message.error(rest.length ? `${errorText(err, t)}: ${rest.join('; ')}` : errorText(err, t));
  };
}

function EditDataModal({ flow, open, onClose }: DialogProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ data: Record<string, unknown> }>();
  const patch = usePatchCaseData(flow.id);
  const fail = useFailure(flow, form, onClose);
  const fields = flow.definition?.dataFields ?? {};
  const [version, setVersion] = useState(flow.version);

  useEffect(() => {
    if (!open) return;
    setVersion(flow.version);
    form.resetFields();
    form.setFieldsValue({ data: dataFor(fields, flow.data) });
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps

  const onOk = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const before = flow.tasks.length;
    try {
      const updated = await patch.mutateAsync({ version, data: cleanData(fields, (form.getFieldsValue(true) as { data?: Record<string, unknown> }).data) });
      const added = (updated.tasks?.length ?? before) - before;
      message.success(added > 0 ? t('flows.board.tasksAdded', { count: added }) : t('flows.board.dataSaved'));
      onClose();
    } catch (err) {
      await fail(err);
    }
  };

  return (
    <Modal
      title={t('flows.board.editData')}
      open={open}
      onCancel={onClose}
      onOk={onOk}
      okText={t('common.save')}
      confirmLoading={patch.isPending}
      okButtonProps={{ 'data-testid': 'flow-edit-data-ok' }}
      forceRender
    >
      <Form form={form} layout="vertical" disabled={patch.isPending}>
        <DataFields fields={fields} testPrefix="flow-edit-data" />
      </Form>
    </Modal>
  );
}

function CancelModal({ flow, open, onClose }: DialogProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useCancelCase(flow.id);
  const fail = useFailure(flow, form, onClose);
  const [version, setVersion] = useState(flow.version);

  useEffect(() => {
    if (!open) return;
    setVersion(flow.version);
    form.resetFields();
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps

  const onOk = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await cancel.mutateAsync({ version, reason: v.reason.trim() });
      message.success(t('flows.board.cancelled'));
      onClose();
    } catch (err) {
      await fail(err);
    }
  };

  return (
    <Modal
      title={t('flows.board.cancelTitle', { code: flow.code })}
      open={open}
      onCancel={onClose}
      onOk={onOk}
      okText={t('flows.board.cancelOk')}
      okButtonProps={{ danger: true, 'data-testid': 'flow-cancel-ok' }}
      cancelText={t('flows.board.cancelBack')}
      confirmLoading={cancel.isPending}
      forceRender
    >
      <Form form={form} layout="vertical" disabled={cancel.isPending}>
        <Form.Item name="reason" label={t('flows.board.cancelReason')} rules={[{ required: true, whitespace: true, message: t('flows.board.cancelReasonRequired') }, { max: 1000 }]}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="flow-cancel-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function CaseActions({ flow }: { flow: FlowCaseDetail }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const [open, setOpen] = useState<'data' | 'cancel' | null>(null);
  const hasFields = Object.keys(flow.definition?.dataFields ?? {}).length > 0;
  const canEdit = flow.can.editData && hasFields;
  if (!canEdit && !flow.can.cancel) return null;
  const close = () => setOpen(null);
  return (
    <>
      <Flex gap={8} wrap vertical={phone} style={phone ? { width: '100%' } : undefined} data-testid="flow-case-actions">
        {canEdit && (
          <Button icon={<EditOutlined />} onClick={() => setOpen('data')} data-testid="flow-edit-data" block={phone}>
            {t('flows.board.editData')}
          </Button>
        )}
        {flow.can.cancel && (
          <Button danger icon={<StopOutlined />} onClick={() => setOpen('cancel')} data-testid="flow-cancel" block={phone}>
            {t('flows.board.cancel')}
          </Button>
        )}
      </Flex>
      {canEdit && <EditDataModal flow={flow} open={open === 'data'} onClose={close} />}
      {flow.can.cancel && <CancelModal flow={flow} open={open === 'cancel'} onClose={close} />}
    </>
  );
}
