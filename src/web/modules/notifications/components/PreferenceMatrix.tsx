/** Categories × channels: in-app locked on, the other channels toggled one at a time (saved at once). */
import { Button, Checkbox, Table, Tag, Tooltip, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CategoryChoice, PrefChannel } from '../channelsApi';

const SOURCE_COLOR = { user: 'blue', department: 'purple', default: 'default' } as const;

export function PreferenceMatrix({
  rows,
  channels,
  saving,
  inheritFrom,
  onChange,
  testId,
}: {
  rows: CategoryChoice[];
  /** The switchable channels shown besides in-app. */
  channels: Exclude<PrefChannel, 'inapp'>[];
  saving: boolean;
  /** Which source counts as "own" here (and may be reset to inherit). */
  inheritFrom: 'user' | 'department';
  onChange: (category: CategoryChoice['category'], channels: PrefChannel[] | null) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const toggle = (row: CategoryChoice, channel: PrefChannel, on: boolean) => {
    const next = new Set(row.channels);
    if (on) next.add(channel);
    else next.delete(channel);
    next.add('inapp');
    onChange(row.category, [...next]);
  };
  const columns: TableProps<CategoryChoice>['columns'] = [
    // the category names must stay on one line on a phone; the other columns give way
    { key: 'category', title: t('notifySettings.category'), onCell: () => ({ style: { whiteSpace: 'nowrap' } }), onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }), render: (_, r) => t(`notifySettings.categories.${r.category}`) },
    {
      key: 'inapp',
      title: t('notifySettings.channel.inapp'),
      width: 64,
      align: 'center',
      render: () => (
        <Tooltip title={t('notifySettings.inappLocked')}>
          <Checkbox checked disabled aria-label={t('notifySettings.inappLocked')} />
        </Tooltip>
      ),
    },
    ...channels.map((channel) => ({
      key: channel,
      title: t(`notifySettings.channel.${channel}`),
      width: 64,
      align: 'center' as const,
      render: (_: unknown, r: CategoryChoice) => (
        <Checkbox
          checked={r.channels.includes(channel)}
          disabled={saving}
          onChange={(e) => toggle(r, channel, e.target.checked)}
          data-testid={`${testId}-${r.category}-${channel}`}
          aria-label={`${t(`notifySettings.categories.${r.category}`)} ${t(`notifySettings.channel.${channel}`)}`}
        />
      ),
    })),
    {
      key: 'source',
      title: '',
      render: (_, r) => (
        <>
          <Tag color={SOURCE_COLOR[r.source]}>{t(`notifySettings.source.${r.source}`)}</Tag>
          {r.source === inheritFrom && (
            <Button type="link" size="small" disabled={saving} onClick={() => onChange(r.category, null)}>
              {t('notifySettings.inherit')}
            </Button>
          )}
        </>
      ),
    },
  ];
  return <Table<CategoryChoice> rowKey="category" size="middle" scroll={{ x: 'max-content' }} pagination={false} columns={columns} dataSource={rows} data-testid={testId} />;
}
