import { FilePdfOutlined } from '@ant-design/icons';
import { Empty, Flex, Image } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StoredFile } from '../../../platform/api/types';

/** Thumbnails (thumbUrl) that open the full image (url) in a shared preview; PDFs as links. */
export function HazardPhotos({ photos }: { photos: StoredFile[] }) {
  const { t } = useTranslation();
  if (!photos.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('hazards.detail.noPhotos')} />;
  const images = photos.filter((p) => p.mime.startsWith('image/'));
  const others = photos.filter((p) => !p.mime.startsWith('image/'));
  return (
    <Flex wrap gap={8} data-testid="hazard-photos">
      <Image.PreviewGroup>
        {images.map((p) => (
          <Image
            key={p.id}
            width={104}
            height={104}
            src={p.thumbUrl ?? p.url}
            alt={p.name}
            preview={{ src: p.url }}
            style={{ objectFit: 'cover', borderRadius: 6 }}
            data-testid="hazard-photo"
          />
        ))}
      </Image.PreviewGroup>
      {others.map((p) => (
        <a key={p.id} href={p.url} target="_blank" rel="noopener noreferrer">
          <FilePdfOutlined /> {p.name}
        </a>
      ))}
    </Flex>
  );
}
