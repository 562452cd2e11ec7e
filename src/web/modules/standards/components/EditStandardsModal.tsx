/**
 * Edit the tenant-configurable parts (LS bands, 重大隐患 thresholds) and save them as a new
 * version. The same validateStandards() the server runs checks the draft as it is typed.
 */
import { useMemo } from 'react';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Divider, Flex, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { RISK_LEVELS, validateStandards, type LsBand, type StandardsDocument } from '../../../../core/standards';
import { isApiError } from '../../../platform/api/client';
import { errorText } from '../../../ui/errors';
import { useSaveStandards } from '../queries';
import { LsMatrix } from './StandardsTables';

interface Draft {
  minDeaths: number | null;
  minDirectLossYuan: number | null;
  bands: Partial<LsBand>[];
  note?: string;
}

function toDocument(base: StandardsDocument, d: Draft): StandardsDocument {
  return {
    ...base,
    hazardGrade: { ...base.hazardGrade, major: { minDeaths: d.minDeaths ?? NaN, minDirectLossYuan: d.minDirectLossYuan ?? NaN } },
    ls: { ...base.ls, bands: (d.bands ?? []).map((b) => ({ level: b.level!, min: b.min ?? NaN, max: b.max ?? NaN })) },
  };
}

export function EditStandardsModal({ open, onClose, doc, version }: { open: boolean; onClose: () => void; doc: StandardsDocument; version: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Draft>();
  const save = useSaveStandards();
  const draft = Form.useWatch([], form) as Draft | undefined;

  const initial: Draft = useMemo(
    () => ({
      minDeaths: doc.hazardGrade.major.minDeaths,
      minDirectLossYuan: doc.hazardGrade.major.minDirectLossYuan,
      bands: [...doc.ls.bands].sort((a, b) => b.min - a.min),
      note: '',
    }),
    [doc],
  );
  const next = draft?.bands ? toDocument(doc, draft) : doc;
  const issues = draft?.bands ? validateStandards(next).filter((i) => i.path.startsWith('ls') || i.path.startsWith('hazardGrade')) : [];

  const submit = async () => {
    if (!draft || issues.length) return;
    try {
      const saved = await save.mutateAsync({ version, document: next, note: draft.note?.trim() || undefined });
      message.success(t('standards.edit.saved', { version: saved.version }));
      const broken = saved.compatibility.broken;
      if (broken.length) {
        message.warning({ content: t('standards.edit.broken', { count: broken.length, names: broken.map((b) => b.name).join('、') }), duration: 8 });
      }
      onClose();
    } catch (err) {
      if (isApiError(err) && err.isVersionConflict) {
        message.error(t('standards.edit.conflict'));
        onClose();
        return;
      }
      message.error(isApiError(err) && err.details.length ? err.details.map((d) => `${d.path}: ${d.message}`).join('；') : errorText(err, t));
    }
  };

  const levelOptions = RISK_LEVELS.map((l) => {
    const c = doc.fourColours.levels.find((x) => x.level === l);
    return { value: l, label: c?.label ?? l };
  });

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('standards.edit.title', { version: version + 1 })}
      width={820}
      destroyOnHidden
      okText={t('standards.edit.save')}
      okButtonProps={{ disabled: issues.length > 0, loading: save.isPending, ...({ 'data-testid': 'standards-save' } as Record<string, string>) }}
      onOk={() => void submit()}
    >
      <Form form={form} layout="vertical" initialValues={initial} preserve={false} data-testid="standards-edit-form">
        <Typography.Title level={5}>{t('standards.edit.majorRule')}</Typography.Title>
        <Flex gap={16} wrap>
          <Form.Item name="minDeaths" label={t('standards.hazardGrade.minDeaths')} style={{ flex: '1 1 200px' }}>
            <InputNumber<number> min={1} precision={0} style={{ width: '100%' }} data-testid="edit-min-deaths" />
          </Form.Item>
          <Form.Item name="minDirectLossYuan" label={t('standards.hazardGrade.minLoss')} style={{ flex: '1 1 200px' }}>
            <InputNumber<number>
              min={1}
              precision={0}
              step={10000}
              style={{ width: '100%' }}
              data-testid="edit-min-loss"
              formatter={(v) => (v === undefined || v === null || String(v) === '' ? '' : Number(v).toLocaleString('en-US'))}
              parser={(v) => Number((v ?? '').replace(/,/g, ''))}
            />
          </Form.Item>
        </Flex>
        <Divider style={{ margin: '4px 0 16px' }} />
        <Typography.Title level={5}>{t('standards.edit.lsBands')}</Typography.Title>
        <Flex gap={24} wrap align="flex-start">
          <div style={{ flex: '1 1 400px' }}>
            <Form.List name="bands">
              {(fields, { add, remove }) => (
                <Flex vertical gap={8}>
                  {fields.map((f) => (
                    <Flex key={f.key} gap={8} align="center">
                      <Form.Item name={[f.name, 'level']} noStyle>
                        <Select options={levelOptions} style={{ width: 130 }} aria-label={t('standards.edit.level')} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'min']} noStyle>
                        <InputNumber<number> min={1} max={25} precision={0} placeholder={t('standards.edit.min')} aria-label={t('standards.edit.min')} />
                      </Form.Item>
                      <span>–</span>
                      <Form.Item name={[f.name, 'max']} noStyle>
                        <InputNumber<number> min={1} max={25} precision={0} placeholder={t('standards.edit.max')} aria-label={t('standards.edit.max')} />
                      </Form.Item>
                      <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="remove" disabled={fields.length <= 1} />
                    </Flex>
                  ))}
                  {fields.length < RISK_LEVELS.length && (
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ level: undefined })} style={{ alignSelf: 'flex-start' }}>
                      {t('standards.edit.addBand')}
                    </Button>
                  )}
                </Flex>
              )}
            </Form.List>
          </div>
          <div>
            <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 6 }}>
              {t('standards.edit.preview')}
            </Typography.Text>
            <LsMatrix doc={next} testId="ls-matrix-preview" />
          </div>
        </Flex>
        {issues.length > 0 && (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 16 }}
            data-testid="standards-edit-issues"
            title={t('standards.edit.invalid')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {issues.map((i) => (
                  <li key={`${i.path}:${i.message}`}>
                    <code>{i.path}</code> {i.message}
                  </li>
                ))}
              </ul>
            }
          />
        )}
        <Form.Item name="note" label={t('standards.edit.note')} style={{ marginTop: 16, marginBottom: 0 }}>
          <Input maxLength={500} placeholder={t('standards.edit.notePlaceholder')} data-testid="edit-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
