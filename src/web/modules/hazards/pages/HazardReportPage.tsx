/**
 * 隐患上报: title, description, department (default: the user's), area, equipment, photos and
 * an optional location. QR codes link here with ?areaId=…&equipmentId=… to prefill.
 * One Idempotency-Key per submitted body, so a retried submit cannot create two hazards.
 */
import { useEffect, useRef } from 'react';
import { SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { uuid } from '../../../platform/api/client';
import type { GeoLocation } from '../../../platform/api/types';
import { useMe } from '../../../platform/auth/AuthProvider';
import { applyFieldErrors, errorText } from '../../../ui/errors';
import { useIsPhone } from '../../../ui/useIsPhone';
import type { NewHazard } from '../api';
import { LocationField } from '../components/LocationField';
import { OrgFields } from '../components/OrgFields';
import { isUploading, PhotoUpload, uploadedIds, type PhotoFile } from '../components/PhotoUpload';
import { useCreateHazard } from '../queries';
import { useAreas, useEquipment } from '../../org/queries';
import { usePageTitle } from '../../../ui/usePageTitle';

interface Values {
  title: string;
  description?: string;
  departmentId?: string;
  areaId?: string | null;
  equipmentId?: string | null;
  photos?: PhotoFile[];
  location?: GeoLocation;
}

function toBody(v: Values): NewHazard {
  const photos = uploadedIds(v.photos);
  return {
    title: v.title.trim(),
    description: v.description?.trim() || undefined,
    departmentId: v.departmentId!,
    areaId: v.areaId || undefined,
    equipmentId: v.equipmentId || undefined,
    photos: photos.length ? photos : undefined,
    location: v.location,
  };
}

export default function HazardReportPage() {
  const { t } = useTranslation();
  const me = useMe();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const create = useCreateHazard();
  usePageTitle(t('hazards.form.pageTitle'));
  const photos = Form.useWatch('photos', form);
  const submission = useRef<{ key: string; body: string } | null>(null);

  const qrArea = params.get('areaId');
  const qrEquipment = params.get('equipmentId');
  const areas = useAreas();
  const allEquipment = useEquipment(null, !!qrEquipment && !qrArea);

  // Prefill from a scanned QR code, once per code: the area (or the equipment's area), and that
  // area's department, as soon as the reference data is there.
  const prefilledFor = useRef('');
  useEffect(() => {
    const code = `${qrArea ?? ''}|${qrEquipment ?? ''}`;
    if (code === '|' || prefilledFor.current === code) return;
    if (!areas.data || (qrEquipment && !qrArea && !allEquipment.data)) return;
    prefilledFor.current = code;
    const areaId = qrArea || allEquipment.data?.find((e) => e.id === qrEquipment)?.areaId || undefined;
    const departmentId = areas.data.find((a) => a.id === areaId)?.departmentId ?? undefined;
    form.setFieldsValue({ areaId, equipmentId: qrEquipment || undefined, ...(departmentId ? { departmentId } : {}) });
  }, [qrArea, qrEquipment, areas.data, allEquipment.data, form]);

  const onFinish = async (values: Values) => {
    const body = toBody(values);
    const serialized = JSON.stringify(body);
    if (submission.current?.body !== serialized) submission.current = { key: uuid(), body: serialized };
    try {
      const hazard = await create.mutateAsync({ body, idempotencyKey: submission.current.key });
      submission.current = null;
      message.success(t('hazards.form.success', { code: hazard.code }));
      navigate(`/hazards/${hazard.id}`, { replace: true });
    } catch (err) {
      const rest = applyFieldErrors(form, err);
      message.error(rest.length ? `${errorText(err, t)}: ${rest.join('; ')}` : errorText(err, t));
    }
  };

  return (
    <Card
      title={phone ? undefined : t('hazards.form.pageTitle')}
      variant={phone ? 'borderless' : 'outlined'}
      style={{ maxWidth: 760, margin: phone ? 0 : '0 auto' }}
      styles={{ body: phone ? { padding: 12 } : undefined }}
    >
      <Typography.Paragraph type="secondary">{t('hazards.form.intro')}</Typography.Paragraph>
      {(qrArea || qrEquipment) && <Alert type="info" showIcon title={t('hazards.form.prefilled')} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ departmentId: me.department?.id, photos: [] }}
        onFinish={onFinish}
        onFinishFailed={() => message.error(t('hazards.form.fixErrors'))}
        scrollToFirstError
        disabled={create.isPending}
      >
        <Form.Item
          name="title"
          label={t('hazards.field.title')}
          rules={[
            { required: true, whitespace: true, message: t('hazards.form.titleRequired') },
            { max: 200 },
          ]}
        >
          <Input maxLength={200} showCount placeholder={t('hazards.form.titlePlaceholder')} data-testid="hazard-form-title" />
        </Form.Item>
        <Form.Item name="description" label={t('hazards.field.description')}>
          <Input.TextArea rows={4} maxLength={5000} placeholder={t('hazards.form.descriptionPlaceholder')} data-testid="hazard-form-description" />
        </Form.Item>
        <OrgFields form={form} testIdPrefix="hazard-form" deriveDepartment />
        <Form.Item name="photos" label={t('hazards.field.photos')} extra={t('hazards.form.photosHint')}>
          <PhotoUpload data-testid="hazard-form-photos" />
        </Form.Item>
        <Form.Item name="location">
          <LocationField />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block={phone}
          icon={<SendOutlined />}
          loading={create.isPending}
          disabled={isUploading(photos)}
          data-testid="hazard-form-submit"
        >
          {isUploading(photos) ? t('hazards.form.uploading') : t('hazards.form.submit')}
        </Button>
      </Form>
    </Card>
  );
}
