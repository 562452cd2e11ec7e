/** Add or edit a channel: fields per kind; secrets are write-only (empty = keep, or clear them). */
import { useEffect } from 'react';
import { App, Checkbox, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorText } from '../../../ui/errors';
import { CATEGORIES, CHANNEL_KINDS, type Category, type Channel, type ChannelConfigInput, type ChannelKind, type EmailConfigView, type RobotConfigView } from '../channelsApi';
import { useCreateChannel, useDepartments, useUpdateChannel } from '../channelsQueries';
import { ChannelKindIcon } from './ChannelKindIcon';

interface Values {
  kind: ChannelKind;
  name: string;
  departmentId: string | null;
  categories: Category[];
  enabled: boolean;
  host?: string;
  port?: number;
  secure?: boolean;
  user?: string;
  password?: string;
  clearPassword?: boolean;
  from?: string;
  webhookUrl?: string;
  secret?: string;
  clearSecret?: boolean;
}

const WHOLE = '__whole__';

export function ChannelFormModal({ open, channel, onClose }: { open: boolean; channel: Channel | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateChannel();
  const update = useUpdateChannel();
  const departments = useDepartments();
  const kind = Form.useWatch('kind', form) ?? channel?.kind ?? 'dingtalk';
  const email = channel?.kind === 'email' ? (channel.config as EmailConfigView) : null;
  const robot = channel && channel.kind !== 'email' ? (channel.config as RobotConfigView) : null;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      channel
        ? {
            kind: channel.kind, name: channel.name, departmentId: channel.department?.id ?? WHOLE, categories: channel.categories, enabled: channel.enabled,
            ...(email ? { host: email.host, port: email.port, secure: email.secure, user: email.user, from: email.from } : {}),
          }
        : { kind: 'dingtalk', departmentId: WHOLE, categories: ['warning'], enabled: true, port: 465, secure: true },
    );
  }, [open, channel, email, form]);

  const submit = async () => {
    const v = await form.validateFields();
    const config: ChannelConfigInput =
      v.kind === 'email'
        ? {
            host: v.host, port: v.port, secure: !!v.secure, user: v.user ?? '', from: v.from,
            ...(v.password ? { password: v.password } : v.clearPassword ? { password: '' } : {}),
          }
        : {
            ...(v.webhookUrl ? { webhookUrl: v.webhookUrl.trim() } : {}),
            ...(v.kind !== 'wecom' && v.secret ? { secret: v.secret } : v.clearSecret ? { secret: '' } : {}),
          };
    const common = {
      name: v.name,
      departmentId: v.kind === 'email' || v.departmentId === WHOLE ? null : v.departmentId,
      categories: v.kind === 'email' ? [] : v.categories,
      enabled: v.enabled,
      config,
    };
    try {
      if (channel) await update.mutateAsync({ id: channel.id, version: channel.version, ...common });
      else await create.mutateAsync({ kind: v.kind, ...common });
      void message.success(t('notifySettings.saved'));
      onClose();
    } catch (err) {
      const rest = applyFieldErrors(form, err, { config: 'name' });
      void message.error(rest.length ? rest.join('；') : errorText(err, t));
    }
  };

  const keep = (set: boolean | undefined) => (set ? t('notifySettings.keepSecret') : t('notifySettings.secretNotSet'));
  const required = [{ required: true, message: t('notifySettings.required') }];

  return (
    <Modal
      open={open}
      title={channel ? t('notifySettings.editChannel') : t('notifySettings.addChannel')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={create.isPending || update.isPending}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
      width={560}
    >
      <Form form={form} layout="vertical" data-testid="channel-form">
        <Form.Item name="kind" label={t('notifySettings.field.kind')} rules={required}>
          <Select
            disabled={!!channel}
            options={CHANNEL_KINDS.map((k) => ({
              value: k,
              label: (
                <span style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
                  <ChannelKindIcon kind={k} size={14} /> {t(`notifySettings.kind.${k}`)}
                </span>
              ),
            }))}
          />
        </Form.Item>
        <Form.Item name="name" label={t('notifySettings.field.name')} rules={[...required, { max: 60 }]}>
          <Input maxLength={60} />
        </Form.Item>
        {kind === 'email' ? (
          <>
            <Form.Item name="host" label={t('notifySettings.field.host')} rules={required}>
              <Input placeholder="smtp.example.com" />
            </Form.Item>
            <Form.Item name="port" label={t('notifySettings.field.port')} rules={required}>
              <InputNumber min={1} max={65535} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="secure" label={t('notifySettings.field.secure')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="user" label={t('notifySettings.field.user')}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item label={t('notifySettings.field.password')} extra={email?.passwordSet ? t('notifySettings.secretSet') : undefined}>
              <Form.Item name="password" noStyle>
                <Input.Password autoComplete="new-password" placeholder={keep(email?.passwordSet)} />
              </Form.Item>
              {email?.passwordSet && (
                <Form.Item name="clearPassword" valuePropName="checked" noStyle>
                  <Checkbox style={{ marginTop: 4 }}>{t('notifySettings.clearSecret')}</Checkbox>
                </Form.Item>
              )}
            </Form.Item>
            <Form.Item name="from" label={t('notifySettings.field.from')} rules={required}>
              <Input placeholder="智安通知 <zhian@example.com>" />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="departmentId" label={t('notifySettings.field.department')}>
              <Select
                loading={departments.isPending}
                options={[{ value: WHOLE, label: t('notifySettings.field.wholeCompany') }, ...(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))]}
              />
            </Form.Item>
            <Form.Item
              name="webhookUrl"
              label={t('notifySettings.field.webhookUrl')}
              rules={[...(channel ? [] : required), { pattern: /^https?:\/\/\S+$/i, message: t('notifySettings.invalidUrl') }]}
              extra={robot ? t('notifySettings.webhookKeep', { masked: robot.webhookUrl }) : undefined}
            >
              <Input autoComplete="off" placeholder={robot?.webhookUrl || 'https://'} />
            </Form.Item>
            {kind !== 'wecom' && (
              <Form.Item
                label={t('notifySettings.field.secret')}
                extra={kind === 'dingtalk' ? t('notifySettings.field.secretHelpDingtalk') : t('notifySettings.field.secretHelpFeishu')}
              >
                <Form.Item name="secret" noStyle>
                  <Input.Password autoComplete="new-password" placeholder={keep(robot?.secretSet)} />
                </Form.Item>
                {robot?.secretSet && (
                  <Form.Item name="clearSecret" valuePropName="checked" noStyle>
                    <Checkbox style={{ marginTop: 4 }}>{t('notifySettings.clearSecret')}</Checkbox>
                  </Form.Item>
                )}
              </Form.Item>
            )}
            <Form.Item name="categories" label={t('notifySettings.field.categories')} extra={t('notifySettings.field.categoriesHelp')}>
              <Checkbox.Group options={CATEGORIES.map((c) => ({ value: c, label: t(`notifySettings.categories.${c}`) }))} />
            </Form.Item>
          </>
        )}
        <Form.Item name="enabled" label={t('notifySettings.field.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
