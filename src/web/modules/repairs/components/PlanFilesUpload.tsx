/** Files of a repair plan (drawings, photos, PDF): uploaded to POST /files as soon as picked. */
import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Upload, type UploadFile, type UploadProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { uploadFile } from '../../../platform/api/client';
import type { StoredFile } from '../../../platform/api/types';
import { errorText } from '../../../ui/errors';

export const MAX_PLAN_FILES = 9;
export type PlanFile = UploadFile<StoredFile>;

export function uploadedIds(files: PlanFile[] | undefined): string[] {
  return (files ?? []).filter((f) => f.status === 'done' && f.response?.id).map((f) => f.response!.id);
}

export function isUploading(files: PlanFile[] | undefined): boolean {
  return (files ?? []).some((f) => f.status === 'uploading');
}

export function PlanFilesUpload({ value = [], onChange }: { value?: PlanFile[]; onChange?: (files: PlanFile[]) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const customRequest: UploadProps['customRequest'] = ({ file, onProgress, onSuccess, onError }) => {
    const controller = new AbortController();
    const blob = file as File;
    uploadFile(blob, blob.name || 'plan', { signal: controller.signal, onProgress: (percent) => onProgress?.({ percent }) })
      .then((stored) => onSuccess?.(stored))
      .catch((err: unknown) => {
        if ((err as Error)?.name === 'AbortError') return;
        message.error(t('repairs.uploadFailed', { name: blob.name, reason: errorText(err, t) }));
        onError?.(err as Error);
      });
    return { abort: () => controller.abort() };
  };
  return (
    <Upload<StoredFile>
      accept="image/*,application/pdf"
      multiple
      maxCount={MAX_PLAN_FILES}
      fileList={value}
      customRequest={customRequest}
      onChange={({ fileList }) => onChange?.(fileList.map((f) => (f.status === 'done' && f.response ? { ...f, url: f.response.url } : f)))}
      data-testid="repair-plan-files"
    >
      {value.length < MAX_PLAN_FILES && <Button icon={<UploadOutlined />}>{t('repairs.addFiles')}</Button>}
    </Upload>
  );
}
