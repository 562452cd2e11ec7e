/**
 * Photos for a report: each file goes to POST /files as soon as it is picked (with progress),
 * the form keeps antd's file list and submits the ids of the uploaded ones. Thumbnails come
 * from the server's thumbUrl. On phones the camera opens directly (capture="environment").
 */
import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { App, Image, Upload, type UploadFile, type UploadProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { uploadFile } from '../../../platform/api/client';
import type { StoredFile } from '../../../platform/api/types';
import { errorText } from '../../../ui/errors';
import { useIsPhone } from '../../../ui/useIsPhone';

export const MAX_PHOTOS = 9;
const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPTED = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];

export type PhotoFile = UploadFile<StoredFile>;

/** The ids of the photos that finished uploading. */
export function uploadedIds(files: PhotoFile[] | undefined): string[] {
  return (files ?? []).filter((f) => f.status === 'done' && f.response?.id).map((f) => f.response!.id);
}

export function isUploading(files: PhotoFile[] | undefined): boolean {
  return (files ?? []).some((f) => f.status === 'uploading');
}

interface Props {
  value?: PhotoFile[];
  onChange?: (files: PhotoFile[]) => void;
  'data-testid'?: string;
}

export function PhotoUpload({ value = [], onChange, 'data-testid': testId }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const [preview, setPreview] = useState<string | null>(null);

  const beforeUpload: UploadProps['beforeUpload'] = (file, batch) => {
    const index = batch.indexOf(file);
    if (value.length + index >= MAX_PHOTOS) {
      if (index === batch.length - 1) message.warning(t('hazards.form.tooManyPhotos'));
      return Upload.LIST_IGNORE;
    }
    if (file.type && !ACCEPTED.includes(file.type)) {
      message.error(t('hazards.form.uploadFailed', { name: file.name, reason: t('errors.UNSUPPORTED_MEDIA_TYPE') }));
      return Upload.LIST_IGNORE;
    }
    if (file.size > MAX_BYTES) {
      message.error(t('hazards.form.uploadFailed', { name: file.name, reason: t('errors.PAYLOAD_TOO_LARGE') }));
      return Upload.LIST_IGNORE;
    }
    return true;
  };

  const customRequest: UploadProps['customRequest'] = ({ file, onProgress, onSuccess, onError }) => {
    const controller = new AbortController();
    const blob = file as File;
    uploadFile(blob, blob.name || 'photo.jpg', { signal: controller.signal, onProgress: (percent) => onProgress?.({ percent }) })
      .then((stored) => onSuccess?.(stored))
      .catch((err: unknown) => {
        if ((err as Error)?.name === 'AbortError') return;
        message.error(t('hazards.form.uploadFailed', { name: blob.name, reason: errorText(err, t) }));
        onError?.(err as Error);
      });
    return { abort: () => controller.abort() };
  };

  const handleChange: UploadProps<StoredFile>['onChange'] = ({ fileList }) => {
    onChange?.(
      fileList.map((f) =>
        f.status === 'done' && f.response
          ? { ...f, url: f.response.url, thumbUrl: f.response.thumbUrl ?? f.response.url }
          : f,
      ),
    );
  };

  return (
    <>
      <Upload<StoredFile>
        listType="picture-card"
        accept="image/*"
        capture={phone ? 'environment' : undefined}
        multiple
        maxCount={MAX_PHOTOS}
        fileList={value}
        beforeUpload={beforeUpload}
        customRequest={customRequest}
        onChange={handleChange}
        onPreview={(f) => setPreview(f.url ?? f.thumbUrl ?? null)}
        data-testid={testId}
      >
        {value.length >= MAX_PHOTOS ? null : (
          <button type="button" style={{ border: 0, background: 'none', cursor: 'pointer' }}>
            <PlusOutlined />
            <div style={{ marginTop: 8 }}>{t('hazards.form.upload')}</div>
          </button>
        )}
      </Upload>
      {preview && (
        <Image
          style={{ display: 'none' }}
          src={preview}
          preview={{ open: true, src: preview, onOpenChange: (open) => !open && setPreview(null) }}
        />
      )}
    </>
  );
}
