/**
 * Create or edit a warning source: its name, whose messages it accepts (sender allowlist), and a
 * feed to poll (empty: push only). The kind is fixed once created. Edits carry the version read.
 */
import { useEffect } from 'react';
import { App, Form, Input, InputNumber, Modal, Radio, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../platform/api/client';
import { applyFieldErrors, errorText } from '../../../ui/errors';
import { useSaveSource } from '../queries';
import { SOURCE_RECORD_KINDS, type SourceRecordKind, type WarningSource } from '../types';

interface Values {
  kind: SourceRecordKind;
  name: string;
  senderAllowlist: string[];
  feedUrl?: string;
  pollSeconds: number;
  enabled: boolean;
}

const EMPTY: Values = { kind: 'cap', name: '', senderAllowlist: [], feedUrl: '', pollSeconds: 300, enabled: true };

export function SourceEditor({ source, open, onClose }: { source: WarningSource | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveSource();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(source ? { kind: source.kind, name: source.name, senderAllowlist: source.senderAllowlist, feedUrl: source.feedUrl ?? '', pollSeconds: source.pollSeconds, enabled: source.enabled } : EMPTY);
  }, [open, source, form]);

  const onOk = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const fields = {
      name: v.name.trim(),
      senderAllowlist: v.senderAllowlist.map((s) => s.trim()).filter(Boolean),
      feedUrl: v.feedUrl?.trim() || null,
      pollSeconds: v.pollSeconds,
      enabled: v.enabled,
    };
    try {
      if (source) await save.mutateAsync({ id: source.id, body: { ...fields, version: source.version } });
      else await save.mutateAsync({ id: null, body: { ...fields, kind: v.kind } });
      message.success(t('warnings.sources.saved'));
      onClose();
    } catch (err) {
      if (isApiError(err) && err.code === 'VERSION_CONFLICT') {
        message.warning(t('warnings.sources.conflict'));
        onClose();
        return;
      }
      const rest = applyFieldErrors(form, err);
      message.error(rest.length ? `${errorText(err, t)}: ${rest.join('; ')}` : errorText(err, t));
    }
  };

  return (
    <Modal
      title={source ? t('warnings.sources.edit') : t('warnings.sources.add')}
      open={open}
      onCancel={onClose}
      onOk={onOk}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'warning-source-save' }}
      confirmLoading={save.isPending}
      forceRender
      width={600}
    >
      <Form<Values> form={form} layout="vertical" disabled={save.isPending} initialValues={EMPTY} data-testid="warning-source-form">
        <Form.Item name="kind" label={t('warnings.sources.kind')} extra={t('warnings.sources.kindHint')}>
          <Radio.Group optionType="button" disabled={!!source}>
            {SOURCE_RECORD_KINDS.map((k) => (
              <Radio.Button key={k} value={k}>
                {t(`warnings.sources.kinds.${k}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="name" label={t('warnings.sources.name')} rules={[{ required: true, whitespace: true, message: t('warnings.sources.nameRequired') }, { max: 100 }]}>
          <Input maxLength={100} placeholder={t('warnings.sources.namePlaceholder')} data-testid="warning-source-name" />
        </Form.Item>
        <Form.Item name="senderAllowlist" label={t('warnings.sources.allowlist')} extra={t('warnings.sources.allowlistHint')}>
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', ' ']} placeholder={t('warnings.sources.allowlistPlaceholder')} data-testid="warning-source-allowlist" />
        </Form.Item>
        <Form.Item name="feedUrl" label={t('warnings.sources.feedUrl')} extra={t('warnings.sources.feedUrlHint')} rules={[{ type: 'url', message: t('warnings.sources.feedRequired') }, { max: 2000 }]}>
          <Input placeholder="https://" data-testid="warning-source-feed" />
        </Form.Item>
        <Form.Item name="pollSeconds" label={t('warnings.sources.pollSeconds')} rules={[{ required: true }]}>
          <InputNumber min={30} max={86400} step={60} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="enabled" label={t('warnings.sources.enabled')} valuePropName="checked" style={{ marginBottom: 0 }}>
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
