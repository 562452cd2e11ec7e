/** Any files (documents, drawings, photos) for a task's outputs: uploaded to POST /files as soon as picked. */
import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Upload, type UploadFile, type UploadProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { uploadFile } from '../../../platform/api/client';
import type { StoredFile } from '../../../platform/api/types';
import { errorText } from '../../../ui/errors';

export type AnyFile = UploadFile<StoredFile>;

export function FileUpload({ value = [], onChange, max = 9, testId }: { value?: AnyFile[]; onChange?: (files: AnyFile[]) => void; max?: number; testId?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const customRequest: UploadProps['customRequest'] = ({ file, onProgress, onSuccess, onError }) => {
    const controller = new AbortController();
    const blob = file as File;
    uploadFile(blob, blob.name || 'file', { signal: controller.signal, onProgress: (percent) => onProgress?.({ percent }) })
      .then((stored) => onSuccess?.(stored))
      .catch((err: unknown) => {
        if ((err as Error)?.name === 'AbortError') return;
        message.error(t('flows.form.uploadFailed', { name: blob.name, reason: errorText(err, t) }));
        onError?.(err as Error);
      });
    return { abort: () => controller.abort() };
  };
  return (
    <Upload<StoredFile>
      multiple
      maxCount={max}
      fileList={value}
      customRequest={customRequest}
      onChange={({ fileList }) => onChange?.(fileList.map((f) => (f.status === 'done' && f.response ? { ...f, url: f.response.url } : f)))}
      data-testid={testId}
    >
      {value.length < max && <Button icon={<UploadOutlined />}>{t('flows.form.upload')}</Button>}
    </Upload>
  );
}
