/** 整改信息: who, by when, what, with which budget, supervised by whom; the note and after photos. */
import { Card, Descriptions, Empty, Flex, Image, Space, Tag, Typography, type DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../ui/DateTime';
import { useIsPhone } from '../../../../ui/useIsPhone';
import type { LoopHazard } from '../../types';
import { Deadline } from './Deadline';

const pre = { whiteSpace: 'pre-wrap', margin: 0 } as const;

export function RectificationCard({ hazard }: { hazard: LoopHazard }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const r = hazard.rectification;
  if (!r) return null;
  const supervised = hazard.grade === 'major' || !!r.supervisor;
  const label = (k: string) => t(`hazards.loop.rectification.${k}` as 'hazards.loop.rectification.title');

  const items: DescriptionsProps['items'] = [
    { key: 'department', label: label('department'), children: hazard.responsibleDepartment?.name ?? '—' },
    { key: 'user', label: label('user'), children: <span data-testid="hazard-responsible-user">{r.responsibleUser?.displayName ?? '—'}</span> },
    {
      key: 'deadline',
      label: label('deadline'),
      span: phone ? 1 : 'filled',
      children: <Deadline deadline={hazard.deadline} overdue={hazard.overdue} status={hazard.status} />,
    },
  ];
  if (supervised) {
    items.push({
      key: 'supervisor',
      label: label('supervisor'),
      children: (
        <Space size={6} data-testid="hazard-supervisor">
          <span>{r.supervisor?.displayName ?? '—'}</span>
          <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="hazard-supervised">
            {label('supervised')}
          </Tag>
        </Space>
      ),
    });
  }
  items.push(
    {
      key: 'budget',
      label: label('budget'),
      children: r.budgetYuan !== null ? t('hazards.loop.rectification.budgetYuan', { amount: r.budgetYuan.toLocaleString() }) : '—',
    },
    { key: 'dispatchedAt', label: label('dispatchedAt'), children: formatDateTime(r.dispatchedAt) },
    { key: 'measures', label: label('measures'), span: 'filled', children: <Typography.Paragraph style={pre}>{r.measures || '—'}</Typography.Paragraph> },
  );
  if (r.note) {
    const note = <Typography.Paragraph style={pre} data-testid="hazard-rectification-note">{r.note}</Typography.Paragraph>;
    items.push({ key: 'note', label: label('note'), span: 'filled', children: note });
  }
  if (r.rectifiedAt) items.push({ key: 'rectifiedAt', label: label('rectifiedAt'), span: 'filled', children: formatDateTime(r.rectifiedAt) });
  const images = r.afterPhotos.filter((p) => p.mime.startsWith('image/'));
  items.push({
    key: 'afterPhotos',
    label: label('afterPhotos'),
    span: 'filled',
    children: images.length ? (
      <Flex wrap gap={8} data-testid="hazard-after-photos">
        <Image.PreviewGroup>
          {images.map((p) => (
            <Image
              key={p.id}
              width={88}
              height={88}
              src={p.thumbUrl ?? p.url}
              alt={p.name}
              preview={{ src: p.url }}
              style={{ objectFit: 'cover', borderRadius: 6 }}
              data-testid="hazard-after-photo"
            />
          ))}
        </Image.PreviewGroup>
      </Flex>
    ) : (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={label('noAfterPhotos')} style={{ margin: 0 }} />
    ),
  });

  return (
    <Card title={label('title')} size="small" data-testid="hazard-rectification" data-overdue={hazard.overdue ? 'true' : 'false'}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
        styles={{ label: { whiteSpace: 'nowrap', width: phone ? 96 : undefined } }}
        bordered={!phone}
        items={items}
      />
    </Card>
  );
}
