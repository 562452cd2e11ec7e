/** One qualification check: equipment, requirement, each operator's certificates, HR's confirmation. */
import { useState } from 'react';
import { ApartmentOutlined, CheckOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, Modal, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../platform/api/client';
import { formatDateTime, RelativeTime } from '../../../ui/DateTime';
import { errorText } from '../../../ui/errors';
import { DepartmentProgressCard } from '../../departments-view';
import type { QualificationCheck } from '../api';
import { useConfirmCheck } from '../queries';
import { OperatorsTable } from './OperatorsTable';

function ConfirmModal({ check, open, onClose, onReload }: { check: QualificationCheck; open: boolean; onClose: () => void; onReload: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  const confirm = useConfirmCheck(check.id);
  const onOk = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await confirm.mutateAsync({ version: check.version, note: v.note?.trim() || undefined });
      message.success(t('qualifications.confirmed'));
      onClose();
    } catch (err) {
      if (isApiError(err) && err.status === 409) {
        message.warning(err.code === 'VERSION_CONFLICT' ? t('qualifications.conflict') : errorText(err, t));
        await onReload();
        onClose();
        return;
      }
      message.error(errorText(err, t));
    }
  };
  const bad = check.operatorCount - check.qualifiedCount;
  return (
    <Modal
      title={t('qualifications.confirmTitle', { equipment: `${check.equipment.code} ${check.equipment.name}` })}
      open={open}
      onCancel={onClose}
      onOk={onOk}
      okText={t('qualifications.confirm')}
      confirmLoading={confirm.isPending}
      okButtonProps={{ 'data-testid': 'qualification-confirm-ok' }}
      destroyOnHidden
    >
      <Typography.Paragraph type={bad > 0 ? 'danger' : 'secondary'}>{check.summary}</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false} disabled={confirm.isPending}>
        <Form.Item name="note" label={t('qualifications.field.note')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('qualifications.notePlaceholder')} data-testid="qualification-confirm-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function CheckCard({ check, fresh = false, onReload }: { check: QualificationCheck; fresh?: boolean; onReload: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [showProgress, setShowProgress] = useState(false);
  const bad = check.operatorCount - check.qualifiedCount;
  return (
    <Card
      size="small"
      style={fresh ? { borderColor: '#faad14', background: '#fffbe6' } : undefined}
      data-testid="qualification-check"
      data-hazard={check.hazard.code}
      data-status={check.status}
      title={
        <Space size={8} wrap>
          {fresh && <Tag color="gold">{t('qualifications.newTag')}</Tag>}
          <span>
            {check.equipment.code} {check.equipment.name}
          </span>
          {check.equipment.area && <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>{check.equipment.area}</Typography.Text>}
        </Space>
      }
      extra={
        <Space size={8}>
          <Tag color={bad > 0 ? 'red' : 'green'} data-testid="qualification-summary">
            {t('qualifications.summary', { qualified: check.qualifiedCount, total: check.operatorCount })}
          </Tag>
          <Tag color={check.status === 'confirmed' ? 'success' : 'warning'}>{t(`qualifications.status.${check.status}`)}</Tag>
        </Space>
      }
    >
      <Flex vertical gap={10}>
        <Flex wrap gap={16} justify="space-between">
          <div>
            <Typography.Text type="secondary">{t('qualifications.field.hazard')}：</Typography.Text>
            <Typography.Text>
              {check.hazard.code} {check.hazard.title}
            </Typography.Text>
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('qualifications.checkedOn', { date: check.result.checkedOn })} · <RelativeTime value={check.createdAt} />
          </Typography.Text>
        </Flex>
        <div>
          <Typography.Text type="secondary">{t('qualifications.field.required')}：</Typography.Text>
          {check.result.required.length ? (
            check.result.required.map((r) => (
              <Tooltip key={r.type} title={r.basis}>
                <Tag color="blue">{r.name}</Tag>
              </Tooltip>
            ))
          ) : (
            <Typography.Text type="secondary">{t('qualifications.noRequirement')}</Typography.Text>
          )}
        </div>
        <OperatorsTable operators={check.result.operators} />
        <Flex justify="space-between" align="center" wrap gap={8}>
          <div>
            {check.status === 'confirmed' && (
              <Typography.Text data-testid="qualification-confirmation">
                {t('qualifications.confirmedBy', { name: check.confirmedBy?.displayName ?? '', time: formatDateTime(check.confirmedAt) })}
                {check.note ? `：${check.note}` : ''}
              </Typography.Text>
            )}
          </div>
          <Space>
            <Button icon={<ApartmentOutlined />} onClick={() => setShowProgress((v) => !v)}>
              {t('departmentsView.title')}
            </Button>
            {check.can.confirm && (
              <Button type="primary" icon={<CheckOutlined />} onClick={() => setConfirming(true)} data-testid="qualification-confirm">
                {t('qualifications.confirm')}
              </Button>
            )}
          </Space>
        </Flex>
        {showProgress && <DepartmentProgressCard hazardId={check.hazard.id} />}
      </Flex>
      {check.can.confirm && <ConfirmModal check={check} open={confirming} onClose={() => setConfirming(false)} onReload={onReload} />}
    </Card>
  );
}
