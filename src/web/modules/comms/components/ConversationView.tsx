/** A conversation: header, history by page (earliest loaded on demand), the composer; marks what is shown as read. */
import { Alert, App, Button, Flex, Input, Modal, Skeleton, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { errorText } from '../../../ui/errors';
import { commsApi } from '../api';
import { commsKeys, invalidateComms, useConversation, useMessages } from '../queries';
import type { Message } from '../types';
import { MessageItem } from './MessageItem';
import { Composer } from './Composer';

export function ConversationView({ id, extra }: { id: string; extra?: ReactNode }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const conv = useConversation(id);
  const history = useMessages(id);
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [editing, setEditing] = useState<Message | null>(null);
  const [editText, setEditText] = useState('');
  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);

  const messages = useMemo(() => (history.data ? [...history.data.pages].reverse().flatMap((p) => p.items) : []), [history.data]);
  const newest = messages.at(-1)?.seq ?? 0;

  // new messages scroll into view unless the reader scrolled up to older ones
  useEffect(() => {
    const el = scroller.current;
    if (el && stickToBottom.current) el.scrollTop = el.scrollHeight;
  }, [newest, messages.length]);

  // what is on screen is read: tell the server (the list's unread count follows by event)
  const lastRead = useRef(0);
  useEffect(() => {
    if (!newest || newest <= lastRead.current || !conv.data) return;
    if (newest <= conv.data.lastReadSeq && conv.data.unread === 0) return;
    lastRead.current = newest;
    commsApi.read(id, newest).then(() => invalidateComms(qc, id, 'read')).catch(() => (lastRead.current = 0));
  }, [id, newest, conv.data, qc]);

  if (conv.isError || history.isError) return <Alert type="warning" showIcon message={t('comms.noAccess')} data-testid="chat-no-access" />;
  if (!conv.data) return <Skeleton active paragraph={{ rows: 6 }} />;
  const c = conv.data;

  const change = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      invalidateComms(qc, id, 'message');
    } catch (err) {
      message.error(errorText(err, t));
    }
  };

  return (
    <Flex vertical className="zhian-chat" data-testid="chat-view" data-id={id}>
      <Flex align="center" gap={8} wrap className="zhian-chat-header">
        <Typography.Title level={5} style={{ margin: 0 }} data-testid="chat-title">
          {c.title}
        </Typography.Title>
        <Tag>{t(`comms.kind.${c.kind}`)}</Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('comms.members', { count: c.members.length })}
        </Typography.Text>
        {c.subject?.visible && <Link to={c.subject.path!}>{t('comms.openRecord')}</Link>}
        <span style={{ flex: 1 }} />
        {extra}
      </Flex>
      <div
        className="zhian-chat-scroll"
        ref={scroller}
        data-testid="chat-messages"
        onScroll={(e) => {
          const el = e.currentTarget;
          stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
        }}
      >
        <div style={{ textAlign: 'center', margin: '4px 0 8px' }}>
          {history.hasNextPage ? (
            <Button size="small" type="link" loading={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()} data-testid="chat-load-earlier">
              {t('comms.loadEarlier')}
            </Button>
          ) : (
            messages.length > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('comms.noMore')}</Typography.Text>
          )}
        </div>
        {history.isPending && <Skeleton active />}
        {messages.map((m) => (
          <MessageItem
            key={m.id}
            m={m}
            onReply={setReplyTo}
            onEdit={(x) => {
              setEditing(x);
              setEditText(x.body ?? '');
            }}
            onWithdraw={(x) => void change(() => commsApi.withdraw(x.id, x.version))}
          />
        ))}
      </div>
      {c.can.post && (
        <Composer
          conversationId={id}
          replyTo={replyTo}
          onCancelReply={() => setReplyTo(null)}
          onSent={() => {
            stickToBottom.current = true;
            void qc.invalidateQueries({ queryKey: commsKeys.messages(id) });
          }}
        />
      )}
      <Modal
        open={!!editing}
        title={t('comms.editTitle')}
        onCancel={() => setEditing(null)}
        onOk={() => {
          const m = editing!;
          setEditing(null);
          void change(() => commsApi.edit(m.id, editText, m.version));
        }}
      >
        <Input.TextArea value={editText} onChange={(e) => setEditText(e.target.value)} autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000} />
      </Modal>
    </Flex>
  );
}
