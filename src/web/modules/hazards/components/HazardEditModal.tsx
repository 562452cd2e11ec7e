/**
 * 编辑隐患: sends the version the user started from; a 409 means someone else saved first —
 * the user is told, the record is reloaded and the dialog closes.
 */
import { useEffect, useState } from 'react';
import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../platform/api/client';
import type { Hazard } from '../../../platform/api/types';
import { applyFieldErrors, errorText } from '../../../ui/errors';
import type { HazardPatch } from '../api';
import { useUpdateHazard } from '../queries';
import { OrgFields } from './OrgFields';

interface Values {
  title: string;
  description?: string;
  departmentId?: string;
  areaId?: string | null;
  equipmentId?: string | null;
}

interface Props {
  hazard: Hazard;
  open: boolean;
  onClose: () => void;
  /** Reload the record (after a conflict). */
  onReload: () => Promise<unknown>;
}

function valuesOf(h: Hazard): Values {
  return { title: h.title, description: h.description, departmentId: h.department.id, areaId: h.area?.id ?? null, equipmentId: h.equipment?.id ?? null };
}

/** Only what changed, plus the version it is based on. */
function patchOf(base: Hazard, v: Values): HazardPatch {
  const before = valuesOf(base);
  const patch: HazardPatch = { version: base.version };
  if (v.title.trim() !== before.title) patch.title = v.title.trim();
  if ((v.description ?? '') !== (before.description ?? '')) patch.description = v.description ?? '';
  if (v.departmentId !== before.departmentId) patch.departmentId = v.departmentId;
  if ((v.areaId ?? null) !== before.areaId) patch.areaId = v.areaId ?? null;
  if ((v.equipmentId ?? null) !== before.equipmentId) patch.equipmentId = v.equipmentId ?? null;
  return patch;
}

export function HazardEditModal({ hazard, open, onClose, onReload }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const update = useUpdateHazard(hazard.id);
  // The record as it was when the dialog opened: its version is what the edit is based on.
  const [base, setBase] = useState(hazard);

  useEffect(() => {
    if (open) {
      setBase(hazard);
      form.setFieldsValue(valuesOf(hazard));
    }
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps

  const onOk = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const patch = patchOf(base, values);
    if (Object.keys(patch).length === 1) return onClose();
    try {
      await update.mutateAsync(patch);
      message.success(t('hazards.detail.saved'));
      onClose();
    } catch (err) {
      if (isApiError(err) && err.status === 409) {
        message.warning(t('hazards.detail.conflict'));
        await onReload();
        onClose();
        return;
      }
      const rest = applyFieldErrors(form, err);
      message.error(rest.length ? `${errorText(err, t)}: ${rest.join('; ')}` : errorText(err, t));
    }
  };

  return (
    <Modal
      open={open}
      title={t('hazards.detail.editTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={onOk}
      onCancel={onClose}
      confirmLoading={update.isPending}
      forceRender
      okButtonProps={{ 'data-testid': 'hazard-edit-save' }}
    >
      <Form form={form} layout="vertical" data-testid="hazard-edit-form">
        <Form.Item name="title" label={t('hazards.field.title')} rules={[{ required: true, whitespace: true, message: t('hazards.form.titleRequired') }, { max: 200 }]}>
          <Input maxLength={200} showCount data-testid="hazard-edit-title" />
        </Form.Item>
        <Form.Item name="description" label={t('hazards.field.description')}>
          <Input.TextArea rows={4} maxLength={5000} data-testid="hazard-edit-description" />
        </Form.Item>
        <OrgFields form={form} testIdPrefix="hazard-edit" />
      </Form>
    </Modal>
  );
}
