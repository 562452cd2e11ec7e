/** One message: author, time, the message it answers, text with mentions, photos, files, record cards. */
import { EllipsisOutlined, FileOutlined } from '@ant-design/icons';
import { App, Button, Card, Dropdown, Image, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../../ui/DateTime';
import type { Message, RecordCard } from '../types';

function RecordLinkCard({ card }: { card: RecordCard }) {
  const { t } = useTranslation();
  if (!card.visible) return <Tag>{t('comms.unseenRecord')}</Tag>;
  return (
    <Card size="small" className="zhian-chat-card" data-testid="chat-record-card" styles={{ body: { padding: '6px 10px' } }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t(`comms.subjectType.${card.type}`)} · {card.code}
      </Typography.Text>
      <div>
        <Link to={card.path!}>{card.title}</Link>
      </div>
    </Card>
  );
}

/** Text with @mentions set off (the server says who was mentioned; the text says where). */
function Body({ m }: { m: Message }) {
  const names = [...m.mentions.users.map((u) => u.displayName), ...m.mentions.departments.map((d) => d.name)];
  if (!names.length || !m.body) return <span style={{ whiteSpace: 'pre-wrap' }}>{m.body}</span>;
  const re = new RegExp(`(@(?:${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')}))`, 'g');
  return (
    <span style={{ whiteSpace: 'pre-wrap' }}>
      {m.body.split(re).map((part, i) => (i % 2 ? <span key={i} className="zhian-chat-mention">{part}</span> : part))}
    </span>
  );
}

interface Props {
  m: Message;
  onReply(m: Message): void;
  onEdit(m: Message): void;
  onWithdraw(m: Message): void;
}

export function MessageItem({ m, onReply, onEdit, onWithdraw }: Props) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  if (m.withdrawn) {
    return (
      <div className="zhian-chat-system" data-testid="chat-message" data-seq={m.seq} data-withdrawn="true">
        {t('comms.withdrawn', { name: m.mine ? t('comms.you') : (m.author?.displayName ?? '') })}
      </div>
    );
  }
  if (m.kind === 'system') {
    return (
      <div className="zhian-chat-system" data-testid="chat-message" data-seq={m.seq}>
        {m.body} · {formatDateTime(m.createdAt)}
      </div>
    );
  }
  const images = m.files.filter((f) => f.mime.startsWith('image/'));
  const others = m.files.filter((f) => !f.mime.startsWith('image/'));
  const menu = [
    { key: 'reply', label: t('comms.reply') },
    ...(m.can.change ? [{ key: 'edit', label: t('comms.edit') }, { key: 'withdraw', label: t('comms.withdraw'), danger: true }] : []),
  ];
  return (
    <div className={`zhian-chat-row${m.mine ? ' mine' : ''}`} data-testid="chat-message" data-seq={m.seq} data-mine={m.mine}>
      <div className="zhian-chat-meta">
        <Typography.Text strong>{m.author?.displayName ?? t('comms.system')}</Typography.Text>{' '}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(m.createdAt)}
          {m.edited && ` · ${t('comms.edited')}`}
        </Typography.Text>
        <Dropdown
          trigger={['click']}
          menu={{
            items: menu,
            onClick: ({ key }) => {
              if (key === 'reply') onReply(m);
              if (key === 'edit') onEdit(m);
              if (key === 'withdraw') modal.confirm({ title: t('comms.withdrawConfirm'), onOk: () => onWithdraw(m) });
            },
          }}
        >
          <Button type="text" size="small" icon={<EllipsisOutlined />} aria-label={t('comms.reply')} data-testid="chat-message-menu" />
        </Dropdown>
      </div>
      <div className="zhian-chat-bubble">
        {m.replyTo && (
          <div className="zhian-chat-quote">
            {m.replyTo.author?.displayName}：{m.replyTo.body ?? '…'}
          </div>
        )}
        {m.body && <Body m={m} />}
        {images.length > 0 && (
          <Space wrap size={6} style={{ marginTop: m.body ? 6 : 0, display: 'flex' }}>
            <Image.PreviewGroup>
              {images.map((f) => (
                <Image key={f.id} src={f.thumbUrl ?? f.url} preview={{ src: f.url }} width={120} height={90} style={{ objectFit: 'cover', borderRadius: 4 }} alt={f.name} data-testid="chat-image" />
              ))}
            </Image.PreviewGroup>
          </Space>
        )}
        {others.map((f) => (
          <div key={f.id}>
            <a href={f.url} download={f.name}>
              <FileOutlined /> {f.name}
            </a>
          </div>
        ))}
        {m.links.map((c) => (
          <RecordLinkCard key={`${c.type}:${c.id}`} card={c} />
        ))}
      </div>
    </div>
  );
}
