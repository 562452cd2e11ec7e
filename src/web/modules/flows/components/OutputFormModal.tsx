/**
 * 提交成果: the form a task's template asks for, drawn from its JSON-Schema subset (`x-widget`):
 * text, textarea, number with unit, choice, multichoice, boolean, date, photos / files (uploaded
 * to POST /files as picked) and a signature pad. After a rejection the previous outputs are filled in.
 */
import { useEffect, useMemo } from 'react';
import { Alert, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useIsPhone } from '../../../ui/useIsPhone';
import { PhotoUpload, type PhotoFile } from '../../hazards/components/PhotoUpload';
import { formFields, type FlowFile, type FlowTask, type FormField } from '../types';
import { FileUpload, type AnyFile } from './FileUpload';
import { SignaturePad, type SignatureValue } from './SignaturePad';
import { useTaskStep } from './useTaskStep';

type Values = Record<string, unknown>;
type Uploaded = PhotoFile | AnyFile;

function asUploadList(ids: unknown, files: Record<string, FlowFile>): Uploaded[] {
  if (!Array.isArray(ids)) return [];
  return ids
    .map((id) => files[String(id)])
    .filter(Boolean)
    .map((f) => ({
      uid: f.id,
      name: f.name,
      status: 'done' as const,
      url: f.url,
      thumbUrl: f.thumbUrl ?? f.url,
      response: { id: f.id, mime: f.mime, name: f.name, url: f.url, thumbUrl: f.thumbUrl, size: 0, width: null, height: null },
    }));
}

/** The form's starting values: the previous outputs (after a rejection), converted for the widgets. */
function initialValues(task: FlowTask): Values {
  const out: Values = {};
  const prev = task.outputs ?? {};
  for (const [key, field] of Object.entries(task.form?.properties ?? {})) {
    const v = prev[key];
    switch (field['x-widget']) {
      case 'photos':
      case 'files':
        out[key] = asUploadList(v, task.files ?? {});
        break;
      case 'signature': {
        const f = typeof v === 'string' ? task.files?.[v] : undefined;
        out[key] = f ? { id: f.id, url: f.url } : null;
        break;
      }
      case 'date':
        out[key] = typeof v === 'string' && v ? dayjs(v) : undefined;
        break;
      case 'multichoice':
        out[key] = Array.isArray(v) ? v : [];
        break;
      default:
        out[key] = v ?? undefined;
    }
  }
  return out;
}

const isUploading = (v: unknown) => Array.isArray(v) && (v as Uploaded[]).some((f) => f.status === 'uploading');
const doneIds = (v: unknown) => (Array.isArray(v) ? (v as Uploaded[]) : []).filter((f) => f.status === 'done' && f.response?.id).map((f) => f.response!.id);

/** The outputs to send: ids for files, ISO dates, nothing for fields left empty. */
function toOutputs(task: FlowTask, values: Values): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(task.form?.properties ?? {})) {
    const v = values[key];
    switch (field['x-widget']) {
      case 'photos':
      case 'files':
        out[key] = doneIds(v);
        break;
      case 'signature':
        if (v && (v as SignatureValue).id) out[key] = (v as SignatureValue).id;
        break;
      case 'date':
        if (v) out[key] = (v as Dayjs).format('YYYY-MM-DD');
        break;
      case 'text':
      case 'textarea':
        if (typeof v === 'string' && v.trim()) out[key] = v.trim();
        break;
      case 'multichoice':
        if (Array.isArray(v)) out[key] = v;
        break;
      default:
        if (v !== undefined && v !== null && v !== '') out[key] = v;
    }
  }
  return out;
}

function rulesFor(field: FormField, required: boolean, t: TFunction): Rule[] {
  const msg = t('flows.form.required', { title: field.title });
  const rules: Rule[] = [];
  const w = field['x-widget'];
  if (w === 'photos' || w === 'files') {
    const msg = t('flows.form.requiredUpload', { title: field.title });
    const min = Math.max(required ? 1 : 0, field.minItems ?? 0);
    rules.push({
      validator: async (_, v) => {
        if (isUploading(v)) throw new Error(t('flows.form.stillUploading'));
        const n = doneIds(v).length;
        if (n < min) throw new Error(min <= 1 ? msg : t('flows.form.minItems', { count: min }));
        if (field.maxItems && n > field.maxItems) throw new Error(t('flows.form.maxItems', { count: field.maxItems }));
      },
    });
  } else if (w === 'signature') {
    if (required) rules.push({ validator: async (_, v) => { if (!v?.id) throw new Error(t('flows.form.signatureRequired')); } });
  } else if (w === 'multichoice') {
    const min = Math.max(required ? 1 : 0, field.minItems ?? 0);
    if (min) rules.push({ type: 'array', min, message: min <= 1 ? msg : t('flows.form.minItems', { count: min }) });
  } else if (w === 'text' || w === 'textarea') {
    if (required) rules.push({ required: true, whitespace: true, message: msg });
    if (field.minLength) rules.push({ min: field.minLength, message: t('flows.form.minLength', { count: field.minLength }) });
    if (field.maxLength) rules.push({ max: field.maxLength });
  } else if (required) {
    rules.push({ required: true, message: msg });
  }
  return rules;
}

function Widget({ name, field, ...rest }: { name: string; field: FormField; id?: string; value?: any; onChange?: (v: any) => void }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const testId = `flow-output-${name}`;
  switch (field['x-widget']) {
    case 'text':
      return <Input maxLength={field.maxLength ?? 500} data-testid={testId} {...rest} />;
    case 'textarea':
      return <Input.TextArea rows={3} maxLength={field.maxLength ?? 5000} showCount={!!field.maxLength} data-testid={testId} {...rest} />;
    case 'number':
      return (
        <InputNumber
          min={field.minimum}
          max={field.maximum}
          precision={field.type === 'integer' ? 0 : undefined}
          suffix={field['x-unit']}
          style={{ width: phone ? '100%' : 240 }}
          data-testid={testId}
          {...rest}
        />
      );
    case 'choice':
      return field.enum.length <= 4 ? (
        <Radio.Group optionType="button" buttonStyle="solid" options={field.enum.map((v) => ({ value: v, label: v }))} data-testid={testId} {...rest} />
      ) : (
        <Select options={field.enum.map((v) => ({ value: v, label: v }))} style={{ width: phone ? '100%' : 320 }} data-testid={testId} {...rest} />
      );
    case 'multichoice':
      return <Checkbox.Group options={field.items.enum.map((v) => ({ value: v, label: v }))} data-testid={testId} {...rest} />;
    case 'boolean':
      return (
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: true, label: t('flows.form.yes') },
            { value: false, label: t('flows.form.no') },
          ]}
          data-testid={testId}
          {...rest}
        />
      );
    case 'date':
      return <DatePicker style={{ width: phone ? '100%' : 240 }} data-testid={testId} {...rest} />;
    case 'photos':
      return <PhotoUpload data-testid={testId} {...rest} />;
    case 'files':
      return <FileUpload max={field.maxItems ?? 9} testId={testId} {...rest} />;
    case 'signature':
      return <SignaturePad testId={testId} {...rest} />;
    default:
      return <Input data-testid={testId} {...rest} />;
  }
}

export function OutputFormModal({ task, open, onClose }: { task: FlowTask; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const [form] = Form.useForm<Values>();
  const properties = useMemo(() => formFields(task.form), [task.form]);
  const required = new Set(task.form?.required ?? []);
  const { run, pending } = useTaskStep(task, 'submit', { open, onClose, form, fields: properties.map(([k]) => k) });
  const values = Form.useWatch([], form) as Values | undefined;
  const uploading = Object.values(values ?? {}).some(isUploading);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(initialValues(task));
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps

  const onOk = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    await run({ outputs: toOutputs(task, form.getFieldsValue(true) as Values) }, t('flows.dialogs.submitted'));
  };

  return (
    <Modal
      title={t('flows.dialogs.submitTitle', { name: `${task.department.name} · ${task.name}` })}
      open={open}
      onCancel={onClose}
      onOk={onOk}
      okText={t('common.submit')}
      confirmLoading={pending}
      okButtonProps={{ disabled: uploading, 'data-testid': 'flow-output-form-submit' }}
      width={phone ? undefined : 680}
      style={phone ? { top: 12 } : undefined}
      forceRender
      mask={{ closable: false }}
      destroyOnHidden={false}
    >
      {task.lastRejection && task.status !== 'done' && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('flows.task.rejected', { count: task.rejections, reason: task.lastRejection })} />
      )}
      {task.description && (
        <Alert type="info" style={{ marginBottom: 16 }} title={<span style={{ whiteSpace: 'pre-wrap' }}>{task.description}</span>} />
      )}
      <Form form={form} layout="vertical" disabled={pending} data-testid="flow-output-form">
        {properties.map(([name, field]) => (
          <Form.Item
            key={name}
            name={name}
            label={field.title}
            extra={field.description}
            required={required.has(name)}
            rules={rulesFor(field, required.has(name), t)}
          >
            <Widget name={name} field={field} />
          </Form.Item>
        ))}
        {properties.length === 0 && <Alert type="info" title={t('flows.form.noFields')} />}
      </Form>
    </Modal>
  );
}
