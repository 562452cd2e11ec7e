/** Files of outputs and comments: images as thumbnails (click for the full image), the rest as links. */
import { PaperClipOutlined } from '@ant-design/icons';
import { Flex, Image } from 'antd';
import type { FlowFile } from '../types';

export function FlowFiles({ files, size = 88 }: { files: FlowFile[]; size?: number }) {
  if (!files.length) return null;
  const images = files.filter((f) => f.mime.startsWith('image/'));
  const others = files.filter((f) => !f.mime.startsWith('image/'));
  return (
    <Flex wrap gap={8} align="center" data-testid="flow-files">
      {images.length > 0 && (
        <Image.PreviewGroup>
          {images.map((f) => (
            <Image
              key={f.id}
              width={size}
              height={size}
              src={f.thumbUrl ?? f.url}
              alt={f.name}
              preview={{ src: f.url }}
              style={{ objectFit: 'cover', borderRadius: 6 }}
              data-testid="flow-photo"
            />
          ))}
        </Image.PreviewGroup>
      )}
      {others.map((f) => (
        <a key={f.id} href={f.url} target="_blank" rel="noopener noreferrer" data-testid="flow-file-link">
          <PaperClipOutlined /> {f.name}
        </a>
      ))}
    </Flex>
  );
}
