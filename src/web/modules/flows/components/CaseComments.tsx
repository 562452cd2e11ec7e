/**
 * 评论与批注: what participants say on the case (optionally about one task), with photos and
 * @mentions of the people of the participating departments (the mentioned are notified).
 */
import { Fragment, useMemo, useState } from 'react';
import { PictureOutlined, SendOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Empty, Flex, Mentions, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime, RelativeTime } from '../../../ui/DateTime';
import { errorText } from '../../../ui/errors';
import { useIsPhone } from '../../../ui/useIsPhone';
import { isUploading, PhotoUpload, uploadedIds, type PhotoFile } from '../../hazards/components/PhotoUpload';
import { useAddComment, useStaffOf } from '../queries';
import type { FlowCaseDetail, FlowComment, UserRef } from '../types';
import { FlowFiles } from './FlowFiles';

/** The body with each mentioned name in blue. */
function Body({ comment }: { comment: FlowComment }) {
  const names = comment.mentions.map((m) => `@${m.displayName}`).filter(Boolean);
  if (!names.length) return <>{comment.body}</>;
  const pattern = new RegExp(`(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'g');
  return (
    <>
      {comment.body.split(pattern).map((part, i) =>
        names.includes(part) ? (
          <Typography.Text key={i} style={{ color: '#1677ff' }}>
            {part}
          </Typography.Text>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

export function CaseComments({ flow }: { flow: FlowCaseDetail }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [taskKey, setTaskKey] = useState<string | undefined>();
  const [photos, setPhotos] = useState<PhotoFile[]>([]);
  const [showPhotos, setShowPhotos] = useState(false);
  const [picked, setPicked] = useState<UserRef[]>([]);
  const add = useAddComment(flow.id);

  const departmentIds = useMemo(() => [...new Set(flow.tasks.map((x) => x.department.id))], [flow.tasks]);
  const staff = useStaffOf(flow.can.comment ? departmentIds : []);
  const deptName = useMemo(() => Object.fromEntries(flow.tasks.map((x) => [x.department.id, x.department.name])), [flow.tasks]);
  const people = useMemo(() => {
    const list = staff.people.map((p) => ({ id: p.id, displayName: p.displayName, hint: deptName[p.departmentId ?? ''] ?? p.position ?? '' }));
    if (flow.initiator && !list.some((p) => p.id === flow.initiator!.id)) {
      list.unshift({ id: flow.initiator.id, displayName: flow.initiator.displayName, hint: flow.initiator.departmentName ?? '' });
    }
    return list;
  }, [staff.people, flow.initiator, deptName]);
  const taskName = useMemo(() => Object.fromEntries(flow.tasks.map((x) => [x.key, `${x.department.name} · ${x.name}`])), [flow.tasks]);

  const send = async () => {
    const body = text.trim();
    if (!body) return;
    // a name counts as mentioned while "@name" is still in the text
    const mentions = [...new Set(picked.filter((p) => body.includes(`@${p.displayName}`)).map((p) => p.id))];
    const files = uploadedIds(photos);
    try {
      await add.mutateAsync({ body, ...(taskKey ? { taskKey } : {}), ...(files.length ? { files } : {}), ...(mentions.length ? { mentions } : {}) });
      setText('');
      setPhotos([]);
      setShowPhotos(false);
      setPicked([]);
      message.success(t('flows.board.commented'));
    } catch (err) {
      message.error(errorText(err, t));
    }
  };

  return (
    <Flex vertical gap={12} data-testid="flow-comments">
      {flow.comments.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('flows.board.noComments')} />
      ) : (
        <Flex vertical gap={14}>
          {flow.comments.map((c) => (
            <Flex key={c.id} gap={10} align="flex-start" data-testid="flow-comment">
              <Avatar size="small" style={{ background: '#87d068', flex: 'none' }}>
                {c.author.displayName.slice(-2)}
              </Avatar>
              <div style={{ minWidth: 0, flex: 1 }}>
                <Flex gap={6} wrap align="baseline">
                  <Typography.Text strong>{c.author.displayName}</Typography.Text>
                  {c.author.departmentName && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {c.author.departmentName}
                    </Typography.Text>
                  )}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} title={formatDateTime(c.at)}>
                    <RelativeTime value={c.at} />
                  </Typography.Text>
                  {c.taskKey && taskName[c.taskKey] && <Tag style={{ fontSize: 12 }}>{taskName[c.taskKey]}</Tag>}
                </Flex>
                <Typography.Paragraph style={{ margin: '2px 0 0', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                  <Body comment={c} />
                </Typography.Paragraph>
                {c.files.length > 0 && (
                  <div style={{ marginTop: 6 }}>
                    <FlowFiles files={c.files} size={72} />
                  </div>
                )}
              </div>
            </Flex>
          ))}
        </Flex>
      )}
      {flow.can.comment && (
        <Flex vertical gap={8} style={{ borderTop: '1px solid #f0f0f0', paddingTop: 12 }}>
          <Mentions
            value={text}
            onChange={setText}
            onSelect={(option) => {
              const p = people.find((x) => x.id === option.key);
              if (p) setPicked((s) => (s.some((x) => x.id === p.id) ? s : [...s, { id: p.id, displayName: p.displayName }]));
            }}
            rows={phone ? 2 : 3}
            maxLength={2000}
            placeholder={t('flows.board.commentPlaceholder')}
            loading={staff.loading}
            options={people.map((p) => ({
              key: p.id,
              value: p.displayName,
              label: (
                <span>
                  {p.displayName}
                  {p.hint && <Typography.Text type="secondary"> · {p.hint}</Typography.Text>}
                </span>
              ),
            }))}
            filterOption={(input, option) => String(option?.value ?? '').toLowerCase().includes(input.toLowerCase())}
            data-testid="flow-comment-input"
          />
          {showPhotos && <PhotoUpload value={photos} onChange={setPhotos} data-testid="flow-comment-photos" />}
          <Flex gap={8} wrap justify="space-between" align="center">
            <Flex gap={8} wrap align="center" style={{ flex: 1, minWidth: 0 }}>
              <Button icon={<PictureOutlined />} onClick={() => setShowPhotos((v) => !v)} type={showPhotos ? 'primary' : 'default'} ghost={showPhotos} aria-label={t('flows.board.addPhotos')}>
                {phone ? null : t('flows.board.addPhotos')}
              </Button>
              <Select
                allowClear
                value={taskKey}
                onChange={setTaskKey}
                placeholder={t('flows.board.commentAbout')}
                options={flow.tasks.map((x) => ({ value: x.key, label: taskName[x.key] }))}
                style={{ minWidth: 160, maxWidth: phone ? 180 : 280 }}
                popupMatchSelectWidth={false}
                data-testid="flow-comment-task"
              />
            </Flex>
            <Button
              type="primary"
              icon={<SendOutlined />}
              onClick={() => void send()}
              loading={add.isPending}
              disabled={!text.trim() || isUploading(photos)}
              data-testid="flow-comment-submit"
            >
              {t('flows.board.commentSubmit')}
            </Button>
          </Flex>
        </Flex>
      )}
    </Flex>
  );
}
