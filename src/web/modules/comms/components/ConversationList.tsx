/** The user's conversations with unread badges, search across them, and starting a one-to-one chat. */
import { CommentOutlined, MessageOutlined, ProjectOutlined, TeamOutlined } from '@ant-design/icons';
import { Avatar, Badge, Button, Empty, Flex, Input, List, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { RelativeTime } from '../../../ui/DateTime';
import { commsApi } from '../api';
import { useConversations, useDirectory, useSearch } from '../queries';
import type { Conversation } from '../types';

const ICONS = { direct: <MessageOutlined />, department: <TeamOutlined />, record: <ProjectOutlined /> };

export function ConversationList({ activeId }: { activeId?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useConversations();
  const [q, setQ] = useState('');
  const search = useSearch(q);
  const [picking, setPicking] = useState(false);
  const directory = useDirectory();

  const row = (c: Conversation) => (
    <List.Item
      key={c.id}
      onClick={() => navigate(`/messages/${c.id}`)}
      className={`zhian-chat-item${c.id === activeId ? ' active' : ''}`}
      data-testid="chat-conversation"
      data-kind={c.kind}
      data-unread={c.unread}
    >
      <List.Item.Meta
        avatar={
          <Badge count={c.unread} size="small" data-testid="chat-unread">
            <Avatar style={{ background: c.kind === 'record' ? '#fa8c16' : c.kind === 'department' ? '#1677ff' : '#52c41a' }} icon={ICONS[c.kind]} />
          </Badge>
        }
        title={
          <Flex justify="space-between" gap={8}>
            <Typography.Text ellipsis style={{ maxWidth: 220 }}>{c.title}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
              <RelativeTime value={c.lastMessageAt} />
            </Typography.Text>
          </Flex>
        }
        description={
          <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
            {c.lastMessage ? (c.lastMessage.withdrawn ? t('comms.withdrawn', { name: c.lastMessage.author ?? '' }) : `${c.lastMessage.author ?? ''}：${c.lastMessage.body ?? ''}`) : t(`comms.kind.${c.kind}`)}
          </Typography.Text>
        }
      />
    </List.Item>
  );

  return (
    <Flex vertical gap={8} data-testid="chat-list">
      <Flex gap={8}>
        <Input.Search allowClear placeholder={t('comms.searchPlaceholder')} onSearch={setQ} onChange={(e) => !e.target.value && setQ('')} data-testid="chat-search" />
        <Button icon={<CommentOutlined />} onClick={() => setPicking(true)} aria-label={t('comms.newDirect')} />
      </Flex>
      {q ? (
        <List
          header={<Typography.Text strong>{t('comms.searchResults')}</Typography.Text>}
          loading={search.isFetching}
          dataSource={search.data?.items ?? []}
          locale={{ emptyText: t('comms.noResults') }}
          renderItem={(m) => (
            <List.Item onClick={() => navigate(`/messages/${m.conversationId}`)} className="zhian-chat-item" data-testid="chat-search-hit">
              <List.Item.Meta title={m.conversationTitle} description={`${m.author?.displayName ?? ''}：${m.body ?? ''}`} />
            </List.Item>
          )}
        />
      ) : list.data && !list.data.items.length ? (
        <Empty description={t('comms.empty')} />
      ) : (
        <List loading={list.isPending} dataSource={list.data?.items ?? []} renderItem={row} />
      )}
      <Modal open={picking} title={t('comms.newDirect')} footer={null} onCancel={() => setPicking(false)} destroyOnHidden>
        <Select
          showSearch
          style={{ width: '100%' }}
          placeholder={t('comms.pickPerson')}
          optionFilterProp="label"
          options={(directory.data?.people ?? []).map((p) => ({ value: p.id, label: `${p.displayName}${p.departmentName ? ` · ${p.departmentName}` : ''}` }))}
          onChange={async (userId: string) => {
            const { id } = await commsApi.direct(userId);
            setPicking(false);
            navigate(`/messages/${id}`);
          }}
        />
      </Modal>
    </Flex>
  );
}
