/**
 * 发布预警: a manual warning of our own, or one a neighbouring company passed on. The server runs
 * the linkage rules at once; the user lands on the new warning's board. One Idempotency-Key per
 * submitted body, so a retried tap cannot raise the warning twice.
 */
import { useEffect, useRef } from 'react';
import { Alert, App, Form, Input, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useNavigate } from 'react-router-dom';
import { uuid } from '../../../platform/api/client';
import { applyFieldErrors, errorText } from '../../../ui/errors';
import { useIsPhone } from '../../../ui/useIsPhone';
import { isUploading, PhotoUpload, uploadedIds, type PhotoFile } from '../../hazards/components/PhotoUpload';
import { useAreas, useDepartments } from '../../org/queries';
import { CHOSEN_DEPARTMENT_HOURS } from '../../../../core/warnings/rules';
import { useLinkagePreview, useRaiseWarning } from '../queries';
import { COLOR_HEX, COLOR_TEXT, EVENT_TYPES, WARNING_COLORS, type EventType, type RaiseBody, type WarningColor, type WarningDetail } from '../types';

/** The form holds the photos as uploads; the body sends their file ids. */
type Values = Omit<RaiseBody, 'photos'> & { photos?: PhotoFile[] };

/** Colour choice as four big swatches (red first: the one that matters most). */
function ColorPicker({ value, onChange }: { value?: WarningColor; onChange?: (c: WarningColor) => void }) {
  const { t } = useTranslation();
  return (
    <Radio.Group value={value} onChange={(e) => onChange?.(e.target.value as WarningColor)} optionType="button" buttonStyle="solid" data-testid="warning-raise-color">
      {[...WARNING_COLORS].reverse().map((c) => (
        <Radio.Button
          key={c}
          value={c}
          style={value === c ? { background: COLOR_HEX[c], borderColor: COLOR_HEX[c], color: COLOR_TEXT[c], minWidth: 64, textAlign: 'center' } : { minWidth: 64, textAlign: 'center' }}
          data-testid={`warning-raise-color-${c}`}
        >
          {t(`warnings.color.${c}`)}
        </Radio.Button>
      ))}
    </Radio.Group>
  );
}

/**
 * Before publishing: the departments the linkage rules will instruct (asked of the server as the
 * event, colour and area change). None → said plainly, and the departments chosen below are the
 * only ones that will be told.
 */
function LinkagePreviewBlock({ query }: { query: Parameters<typeof useLinkagePreview>[0] }) {
  const { t } = useTranslation();
  const preview = useLinkagePreview(query);
  const departments = preview.data?.departments ?? [];
  if (!preview.data) return <Alert type="info" showIcon message={t('warnings.raise.previewLoading')} data-testid="warning-raise-preview" data-state="loading" />;
  if (!departments.length) {
    return <Alert type="warning" showIcon message={t('warnings.raise.previewNone')} description={t('warnings.raise.previewNoneHint')} data-testid="warning-raise-preview" data-state="none" />;
  }
  return (
    <Alert
      type="info"
      showIcon
      data-testid="warning-raise-preview"
      data-state="matched"
      message={t('warnings.raise.previewMatched', { count: departments.length })}
      description={
        <Space direction="vertical" size={4} style={{ width: '100%' }}>
          <Space size={[4, 4]} wrap>
            {departments.map((d) => (
              <Tag key={d.departmentId} color="blue" data-testid="warning-raise-preview-department">
                {d.departmentName ?? d.departmentId} · {t('warnings.raise.previewHours', { hours: d.responseHours })}
              </Tag>
            ))}
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('warnings.raise.previewRules', { rules: preview.data.rules.map((r) => r.name).join('、') })}
          </Typography.Text>
        </Space>
      }
    />
  );
}

/** The toast after publishing says what happened: which departments were instructed, or that none was. */
export function raisedText(w: Pick<WarningDetail, 'responses'>, t: TFunction): string {
  const names = w.responses.map((r) => r.departmentName);
  return names.length ? t('warnings.raise.raisedTo', { departments: names.join('、') }) : t('warnings.raise.raisedToNone');
}

export function RaiseWarningModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('sourceKind', form);
  const areas = useAreas();
  const departments = useDepartments();
  const [eventType, color, areaId] = [Form.useWatch('eventType', form), Form.useWatch('color', form), Form.useWatch('areaId', form)];
  const previewQuery = open && kind && eventType && color ? { sourceKind: kind, eventType, color, ...(areaId ? { areaId } : {}) } : null;
  const raise = useRaiseWarning();
  const submission = useRef<{ key: string; body: string } | null>(null);

  useEffect(() => {
    if (open) {
      form.resetFields();
      submission.current = null;
    }
  }, [open, form]);

  const onOk = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    if (isUploading(v.photos)) return void message.warning(t('warnings.raise.stillUploading'));
    const photos = uploadedIds(v.photos);
    const body: RaiseBody = {
      sourceKind: v.sourceKind,
      eventType: v.eventType,
      color: v.color,
      title: v.title.trim(),
      ...(v.description?.trim() ? { description: v.description.trim() } : {}),
      ...(v.areaId ? { areaId: v.areaId } : {}),
      ...(v.sourceKind === 'neighbour' && v.neighbourName?.trim() ? { neighbourName: v.neighbourName.trim() } : {}),
      ...(photos.length ? { photos } : {}),
      ...(v.departmentIds?.length ? { departmentIds: v.departmentIds } : {}),
    };
    const serialized = JSON.stringify(body);
    if (submission.current?.body !== serialized) submission.current = { key: uuid(), body: serialized };
    try {
      const w = await raise.mutateAsync({ body, idempotencyKey: submission.current.key });
      if (w.responses.length) message.success(raisedText(w, t));
      else message.warning(raisedText(w, t));
      onClose();
      navigate(`/warnings/${w.id}`);
    } catch (err) {
      const rest = applyFieldErrors(form, err);
      message.error(rest.length ? `${errorText(err, t)}: ${rest.join('; ')}` : errorText(err, t));
    }
  };

  const required = (field: string) => ({ required: true, whitespace: true, message: t('warnings.raise.required', { field }) });
  return (
    <Modal
      title={t('warnings.raise.title')}
      open={open}
      onCancel={onClose}
      onOk={onOk}
      okText={t('warnings.raise.submit')}
      okButtonProps={{ danger: true, size: phone ? 'large' : undefined, 'data-testid': 'warning-raise-submit' }}
      cancelButtonProps={{ size: phone ? 'large' : undefined }}
      confirmLoading={raise.isPending}
      width={phone ? '100%' : 640}
      style={phone ? { top: 0, maxWidth: '100vw', padding: 0 } : undefined}
      forceRender
    >
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={raise.isPending}
        initialValues={{ sourceKind: 'manual', color: 'yellow', eventType: 'other', photos: [] }}
        data-testid="warning-raise-form"
        size={phone ? 'large' : undefined}
      >
        <Form.Item name="sourceKind" label={t('warnings.raise.kind')}>
          <Radio.Group optionType="button" data-testid="warning-raise-kind">
            <Radio.Button value="manual">{t('warnings.raise.kindManual')}</Radio.Button>
            <Radio.Button value="neighbour">{t('warnings.raise.kindNeighbour')}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        {kind === 'neighbour' && (
          <Form.Item name="neighbourName" label={t('warnings.raise.neighbourName')} rules={[required(t('warnings.raise.neighbourName')), { max: 100 }]}>
            <Input maxLength={100} placeholder={t('warnings.raise.neighbourPlaceholder')} data-testid="warning-raise-neighbour" />
          </Form.Item>
        )}
        <Form.Item name="eventType" label={t('warnings.raise.eventType')} rules={[{ required: true }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={EVENT_TYPES.map((e) => ({ value: e, label: t(`warnings.event.${e}`) }))}
            data-testid="warning-raise-event"
          />
        </Form.Item>
        <Form.Item name="color" label={t('warnings.raise.color')} rules={[{ required: true }]}>
          <ColorPicker />
        </Form.Item>
        <Form.Item name="title" label={t('warnings.raise.headline')} rules={[required(t('warnings.raise.headline')), { max: 200 }]}>
          <Input maxLength={200} placeholder={t('warnings.raise.headlinePlaceholder')} data-testid="warning-raise-title" />
        </Form.Item>
        <Form.Item name="description" label={t('warnings.raise.description')} rules={[{ max: 4000 }]}>
          <Input.TextArea rows={3} maxLength={4000} data-testid="warning-raise-description" />
        </Form.Item>
        <Form.Item name="areaId" label={t('warnings.raise.area')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={areas.isPending}
            placeholder={t('warnings.raise.areaPlaceholder')}
            options={(areas.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
            data-testid="warning-raise-area"
          />
        </Form.Item>
        <Form.Item name="photos" label={t('warnings.raise.photos')} valuePropName="value">
          <PhotoUpload data-testid="warning-raise-photos" />
        </Form.Item>
        <Form.Item label={t('warnings.raise.previewTitle')}>
          <LinkagePreviewBlock query={previewQuery} />
        </Form.Item>
        <Form.Item name="departmentIds" label={t('warnings.raise.departments')} extra={t('warnings.raise.departmentsHint', { hours: CHOSEN_DEPARTMENT_HOURS.responseHours })}>
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={departments.isPending}
            placeholder={t('warnings.raise.departmentsPlaceholder')}
            options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
            data-testid="warning-raise-departments"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
