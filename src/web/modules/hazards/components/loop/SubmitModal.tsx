/** 提交整改: what was done, with 1–9 after photos (uploaded as the report form does). */
import { useEffect } from 'react';
import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../../../ui/useIsPhone';
import { isUploading, PhotoUpload, uploadedIds, type PhotoFile } from '../PhotoUpload';
import { useStep, type StepDialogProps } from './useStep';

interface Values {
  note: string;
  afterPhotos: PhotoFile[];
}

export function SubmitModal(props: StepDialogProps) {
  const { open, onClose } = props;
  const { t } = useTranslation();
  const phone = useIsPhone();
  const [form] = Form.useForm<Values>();
  const { run, pending } = useStep('submit', props, form, { fields: ['note', 'afterPhotos'] });
  const photos = Form.useWatch('afterPhotos', form);
  const uploading = isUploading(photos);

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({ note: '', afterPhotos: [] });
    }
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps

  const onOk = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    await run({ note: v.note.trim(), afterPhotos: uploadedIds(v.afterPhotos) }, () => t('hazards.loop.submit.success'));
  };

  return (
    <Modal
      open={open}
      title={t('hazards.loop.submit.title')}
      okText={uploading ? t('hazards.form.uploading') : t('common.submit')}
      cancelText={t('common.cancel')}
      onOk={onOk}
      onCancel={onClose}
      confirmLoading={pending}
      style={phone ? { top: 12 } : undefined}
      forceRender
      okButtonProps={{ disabled: uploading, 'data-testid': 'hazard-submit-submit' }}
    >
      <Form form={form} layout="vertical" data-testid="hazard-submit-form">
        <Form.Item
          name="note"
          label={t('hazards.loop.submit.note')}
          rules={[{ required: true, whitespace: true, message: t('hazards.loop.submit.noteRequired') }, { max: 5000 }]}
        >
          <Input.TextArea rows={4} maxLength={5000} placeholder={t('hazards.loop.submit.notePlaceholder')} data-testid="hazard-submit-note" />
        </Form.Item>
        <Form.Item
          name="afterPhotos"
          label={t('hazards.loop.submit.photos')}
          extra={t('hazards.loop.submit.photosHint')}
          required
          rules={[
            {
              validator: async (_, files: PhotoFile[] | undefined) => {
                if (!uploadedIds(files).length) throw new Error(t('hazards.loop.submit.photosRequired'));
              },
            },
          ]}
        >
          <PhotoUpload data-testid="hazard-submit-photos" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
