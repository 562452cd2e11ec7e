/**
 * One department's answer to a warning: its instruction, the deadline (countdown / 已超时), who
 * acknowledged and when, the measures and photos once reported — and 确认收到 / 反馈措施 for the
 * department itself (the server's `canAct`). Big buttons on phones: this is answered in the field.
 */
import { useEffect, useState } from 'react';
import { CheckOutlined, FormOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../ui/DateTime';
import { useIsPhone } from '../../../ui/useIsPhone';
import { isUploading, PhotoUpload, uploadedIds, type PhotoFile } from '../../hazards/components/PhotoUpload';
import { FlowFiles } from '../../flows/components/FlowFiles';
import { useAcknowledge, useReportMeasures } from '../queries';
import type { WarningPhoto, WarningResponse } from '../types';
import { ResponseDue } from './TimeLeft';
import { ResponseStateTag } from './WarningBadges';
import { useWarningStep } from './useWarningStep';

/** Photos as thumbnails with the full image on click (the flows viewer, which wants a mime type). */
export function Photos({ photos, size }: { photos: WarningPhoto[]; size?: number }) {
  return <FlowFiles files={photos.map((p) => ({ id: p.id, name: p.name, url: p.url, thumbUrl: p.thumbUrl ?? null, mime: p.mime ?? 'image/jpeg' }))} size={size} />;
}

function MeasuresModal({ warningId, r, open, onClose }: { warningId: string; r: WarningResponse; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const [form] = Form.useForm<{ measures: string; photos: PhotoFile[] }>();
  const report = useReportMeasures(warningId, r.id);
  const run = useWarningStep(warningId);
  // the version the user started from: a change meanwhile is a conflict, not silently overwritten
  const [version, setVersion] = useState(r.version);
  useEffect(() => {
    if (open) {
      form.resetFields();
      setVersion(r.version);
    }
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps

  const onOk = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    if (isUploading(v.photos)) return form.setFields([{ name: 'photos', errors: [t('warnings.raise.stillUploading')] }]);
    const photos = uploadedIds(v.photos);
    await run(() => report.mutateAsync({ version, measures: v.measures.trim(), ...(photos.length ? { photos } : {}) }), t('warnings.response.reported'), { form, onClose });
  };
  return (
    <Modal
      title={t('warnings.response.reportTitle', { department: r.departmentName })}
      open={open}
      onCancel={onClose}
      onOk={onOk}
      okText={t('common.submit')}
      okButtonProps={{ size: phone ? 'large' : undefined, 'data-testid': 'warning-measures-submit' }}
      cancelButtonProps={{ size: phone ? 'large' : undefined }}
      confirmLoading={report.isPending}
      forceRender
    >
      <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
        {r.instruction}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" disabled={report.isPending} initialValues={{ photos: [] }} data-testid="warning-measures-form">
        <Form.Item name="measures" label={t('warnings.response.measures')} rules={[{ required: true, whitespace: true, message: t('warnings.response.measuresRequired') }, { max: 4000 }]}>
          <Input.TextArea rows={4} maxLength={4000} placeholder={t('warnings.response.measuresPlaceholder')} data-testid="warning-measures-text" />
        </Form.Item>
        <Form.Item name="photos" label={t('warnings.response.photos')}>
          <PhotoUpload data-testid="warning-measures-photos" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResponseActions({ warningId, r }: { warningId: string; r: WarningResponse }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const [reporting, setReporting] = useState(false);
  const ack = useAcknowledge(warningId, r.id);
  const run = useWarningStep(warningId);
  if (!r.canAct || r.state === 'reported' || r.state === 'stood_down') return null;
  const size = phone ? 'large' : undefined;
  return (
    <>
      <Flex gap={8} vertical={phone} data-testid={`warning-response-actions-${r.departmentName}`}>
        {!r.acknowledgedAt && (
          <Button
            icon={<CheckOutlined />}
            size={size}
            block={phone}
            loading={ack.isPending}
            onClick={() => void run(() => ack.mutateAsync({ version: r.version }), t('warnings.response.acknowledged'))}
            data-testid="warning-acknowledge"
          >
            {t('warnings.response.acknowledge')}
          </Button>
        )}
        <Button type="primary" icon={<FormOutlined />} size={size} block={phone} onClick={() => setReporting(true)} data-testid="warning-report">
          {t('warnings.response.report')}
        </Button>
      </Flex>
      <MeasuresModal warningId={warningId} r={r} open={reporting} onClose={() => setReporting(false)} />
    </>
  );
}

export function ResponseCard({ warningId, r, mine }: { warningId: string; r: WarningResponse; mine: boolean }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const late = r.state === 'overdue';
  return (
    <Card
      size="small"
      data-testid="warning-response-card"
      data-department={r.departmentName}
      data-state={r.state}
      style={{ height: '100%', borderColor: late ? '#ffa39e' : r.canAct && r.state !== 'reported' ? '#91caff' : undefined, background: r.state === 'stood_down' ? '#fafafa' : undefined }}
      styles={{ body: { padding: phone ? 12 : 16 } }}
      title={
        <Flex align="center" gap={8} wrap style={{ padding: '6px 0' }}>
          <Typography.Text strong style={{ fontSize: 15 }}>
            {r.departmentName}
          </Typography.Text>
          {mine && <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>（{t('warnings.response.yourDepartment')}）</Typography.Text>}
          <ResponseStateTag state={r.state} testId="warning-response-state" />
        </Flex>
      }
    >
      <Flex vertical gap={10}>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('warnings.response.instruction')}
          </Typography.Text>
          <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="warning-response-instruction">
            {r.instruction}
          </Typography.Paragraph>
        </div>
        <ResponseDue r={r} />
        {r.escalatedAt && (
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            {t('warnings.response.escalated', { time: formatDateTime(r.escalatedAt) })}
          </Typography.Text>
        )}
        {r.acknowledgedAt && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="warning-response-acknowledged">
            {t('warnings.response.acknowledgedBy', { name: r.acknowledgedBy?.name ?? '—', time: formatDateTime(r.acknowledgedAt) })}
          </Typography.Text>
        )}
        {r.reportedAt && (
          <div data-testid="warning-response-measures">
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginBottom: 4 }}>
              {t('warnings.response.reportedBy', { name: r.reportedBy?.name ?? '—', time: formatDateTime(r.reportedAt) })}
            </Typography.Text>
            {r.measures && <Typography.Paragraph style={{ margin: '0 0 6px', whiteSpace: 'pre-wrap', background: '#f6ffed', padding: '6px 10px', borderRadius: 6 }}>{r.measures}</Typography.Paragraph>}
            <Photos photos={r.photos} size={phone ? 72 : 88} />
          </div>
        )}
        <ResponseActions warningId={warningId} r={r} />
      </Flex>
    </Card>
  );
}
