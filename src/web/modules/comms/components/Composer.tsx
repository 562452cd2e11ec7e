/**
 * Writing a message: @ offers people and departments (antd Mentions), photos and files go to
 * POST /files first (the existing upload rules), a reply names the message it answers.
 */
import { CloseOutlined, PaperClipOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Flex, Mentions, Tag, Upload } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uploadFile } from '../../../platform/api/client';
import { errorText } from '../../../ui/errors';
import { useIsPhone } from '../../../ui/useIsPhone';
import { useDirectory, usePost } from '../queries';
import type { ChatFile, Message } from '../types';

interface Props {
  conversationId: string;
  replyTo: Message | null;
  onCancelReply(): void;
  onSent(): void;
}

export function Composer({ conversationId, replyTo, onCancelReply, onSent }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const directory = useDirectory().data;
  const post = usePost(conversationId);
  const [text, setText] = useState('');
  const [files, setFiles] = useState<ChatFile[]>([]);
  const [uploading, setUploading] = useState(0);

  // "@name" → who: people by display name, departments by name
  const options = useMemo(() => {
    if (!directory) return [];
    return [
      ...directory.departments.map((d) => ({ value: d.name, key: `d:${d.id}`, label: `${d.name}` })),
      ...directory.people.map((p) => ({ value: p.displayName, key: `u:${p.id}`, label: `${p.displayName}${p.departmentName ? ` · ${p.departmentName}` : ''}` })),
    ];
  }, [directory]);

  const mentionsIn = (body: string) => {
    const userIds: string[] = [];
    const departmentIds: string[] = [];
    for (const d of directory?.departments ?? []) if (body.includes(`@${d.name}`)) departmentIds.push(d.id);
    for (const p of directory?.people ?? []) if (body.includes(`@${p.displayName}`)) userIds.push(p.id);
    return { userIds, departmentIds };
  };

  const send = async () => {
    const body = text.trim();
    if ((!body && !files.length) || uploading) return;
    try {
      await post.mutateAsync({ body, files: files.map((f) => f.id), replyTo: replyTo?.id ?? null, mentions: mentionsIn(body) });
      setText('');
      setFiles([]);
      onCancelReply();
      onSent();
    } catch (err) {
      message.error(t('comms.sendFailed', { reason: errorText(err, t) }));
    }
  };

  return (
    <div className="zhian-chat-composer" data-testid="chat-composer">
      {replyTo && (
        <Flex align="center" gap={8} className="zhian-chat-quote" style={{ marginBottom: 6 }}>
          <span style={{ flex: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
            {t('comms.replyingTo', { name: replyTo.author?.displayName ?? '' })}
            {replyTo.body}
          </span>
          <Button size="small" type="text" icon={<CloseOutlined />} onClick={onCancelReply} aria-label={t('common.cancel')} />
        </Flex>
      )}
      {files.length > 0 && (
        <Flex wrap gap={4} style={{ marginBottom: 6 }}>
          {files.map((f) => (
            <Tag key={f.id} closable onClose={() => setFiles((x) => x.filter((y) => y.id !== f.id))} data-testid="chat-attachment">
              {f.name}
            </Tag>
          ))}
        </Flex>
      )}
      <Flex gap={8} align="flex-end">
        <Upload
          showUploadList={false}
          multiple
          accept="image/*,application/pdf"
          customRequest={({ file }) => {
            const blob = file as File;
            setUploading((n) => n + 1);
            uploadFile(blob, blob.name || 'photo.jpg')
              .then((stored) => setFiles((x) => [...x, stored as unknown as ChatFile]))
              .catch((err) => message.error(errorText(err, t)))
              .finally(() => setUploading((n) => n - 1));
          }}
        >
          <Button icon={<PaperClipOutlined />} loading={uploading > 0} aria-label={t('comms.attach')} data-testid="chat-attach">
            {phone ? null : t('comms.attach')}
          </Button>
        </Upload>
        <Mentions
          value={text}
          onChange={setText}
          options={options}
          autoSize={{ minRows: 1, maxRows: 5 }}
          placeholder={phone ? t('comms.placeholderPhone') : t('comms.placeholder')}
          style={{ flex: 1 }}
          data-testid="chat-input"
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void send();
            }
          }}
        />
        <Button type="primary" icon={<SendOutlined />} onClick={() => void send()} loading={post.isPending} disabled={uploading > 0} data-testid="chat-send">
          {phone ? null : t('comms.send')}
        </Button>
      </Flex>
    </div>
  );
}
