/**
 * Edit the tenant-configurable parts (LS bands, 重大隐患 thresholds, hazard types and their
 * keywords, area-check frequencies, reminder lead times) and save them as a new version. The
 * statutory figures (inspection intervals, training hours, reporting clocks) are shown on their
 * tabs, not edited here. The same validateStandards() the server runs checks the draft as it is typed.
 */
import { useMemo } from 'react';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Divider, Flex, Form, Input, InputNumber, Modal, Select, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CHECK_FREQUENCIES, FALLBACK_HAZARD_TYPE, RISK_LEVELS, validateStandards, type AreaChecksSection, type HazardTypeDef, type LsBand, type StandardsDocument } from '../../../../core/standards';
import { isApiError } from '../../../platform/api/client';
import { errorText } from '../../../ui/errors';
import { useSaveStandards } from '../queries';
import { LsMatrix } from './StandardsTables';
import { LevelTag } from './LevelTag';

interface Draft {
  minDeaths: number | null;
  minDirectLossYuan: number | null;
  bands: Partial<LsBand>[];
  hazardTypes: Partial<HazardTypeDef>[];
  checkLevels: AreaChecksSection['levels'];
  sameTypeInARow: number | null;
  cleanMonths: number | null;
  remindDaysBefore: number | null;
  expiringSoonDays: number | null;
  note?: string;
}

function toDocument(base: StandardsDocument, d: Draft): StandardsDocument {
  return {
    ...base,
    hazardGrade: { ...base.hazardGrade, major: { minDeaths: d.minDeaths ?? NaN, minDirectLossYuan: d.minDirectLossYuan ?? NaN } },
    ls: { ...base.ls, bands: (d.bands ?? []).map((b) => ({ level: b.level!, min: b.min ?? NaN, max: b.max ?? NaN })) },
    hazardTypes: {
      ...base.hazardTypes,
      types: (d.hazardTypes ?? []).map((x) => ({ type: x.type?.trim() ?? '', label: x.label?.trim() ?? '', keywords: (x.keywords ?? []).map((k) => k.trim()) })),
    },
    areaChecks: {
      ...base.areaChecks,
      // the colour of each row is fixed (not a form field): the form edits its label and frequency
      levels: base.areaChecks.levels.map((l, i) => ({ ...l, ...d.checkLevels?.[i], color: l.color })),
      sameTypeInARow: d.sameTypeInARow ?? NaN,
      cleanMonths: d.cleanMonths ?? NaN,
    },
    specialEquipment: { ...base.specialEquipment, remindDaysBefore: d.remindDaysBefore ?? NaN },
    certificates: { ...base.certificates, expiringSoonDays: d.expiringSoonDays ?? NaN },
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
      hazardTypes: doc.hazardTypes.types,
      checkLevels: doc.areaChecks.levels,
      sameTypeInARow: doc.areaChecks.sameTypeInARow,
      cleanMonths: doc.areaChecks.cleanMonths,
      remindDaysBefore: doc.specialEquipment.remindDaysBefore,
      expiringSoonDays: doc.certificates.expiringSoonDays,
      note: '',
    }),
    [doc],
  );
  const next = draft?.bands ? toDocument(doc, draft) : doc;
  const issues = draft?.bands ? validateStandards(next) : [];
  const savedTypes = new Set(doc.hazardTypes.types.map((x) => x.type));

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
  const yuan = {
    formatter: (v: number | string | undefined) => (v === undefined || v === null || String(v) === '' ? '' : Number(v).toLocaleString('en-US')),
    parser: (v: string | undefined) => Number((v ?? '').replace(/,/g, '')),
  };

  const grading = (
    <>
      <Typography.Title level={5}>{t('standards.edit.majorRule')}</Typography.Title>
      <Flex gap={16} wrap>
        <Form.Item name="minDeaths" label={t('standards.hazardGrade.minDeaths')} style={{ flex: '1 1 200px' }}>
          <InputNumber<number> min={1} precision={0} style={{ width: '100%' }} data-testid="edit-min-deaths" />
        </Form.Item>
        <Form.Item name="minDirectLossYuan" label={t('standards.hazardGrade.minLoss')} style={{ flex: '1 1 200px' }}>
          <InputNumber<number> min={1} precision={0} step={10000} style={{ width: '100%' }} data-testid="edit-min-loss" {...yuan} />
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
    </>
  );

  const hazardTypes = (
    <>
      <Typography.Title level={5}>{t('standardsRules.hazardTypes.title')}</Typography.Title>
      <Form.List name="hazardTypes">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8} data-testid="edit-hazard-types">
            {fields.map((f) => {
              const code = form.getFieldValue(['hazardTypes', f.name, 'type']) as string | undefined;
              const saved = !!code && savedTypes.has(code);
              return (
                <Flex key={f.key} gap={8} align="flex-start" wrap data-testid={`edit-hazard-type-${f.name}`}>
                  <Form.Item name={[f.name, 'type']} noStyle>
                    <Input style={{ width: 150 }} placeholder={t('standardsRules.edit.typeCode')} aria-label={t('standardsRules.edit.typeCode')} disabled={saved} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'label']} noStyle>
                    <Input style={{ width: 110 }} placeholder={t('standardsRules.edit.typeLabel')} aria-label={t('standardsRules.edit.typeLabel')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'keywords']} noStyle>
                    <Select
                      mode="tags"
                      style={{ flex: '1 1 260px', minWidth: 200 }}
                      placeholder={t('standardsRules.edit.keywordsPlaceholder')}
                      aria-label={t('standardsRules.hazardTypes.keywords')}
                      tokenSeparators={[',', '，', '、']}
                      open={false}
                      disabled={code === FALLBACK_HAZARD_TYPE}
                    />
                  </Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('standardsRules.edit.removeType')} disabled={saved} />
                </Flex>
              );
            })}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ type: '', label: '', keywords: [] })} style={{ alignSelf: 'flex-start' }} data-testid="edit-add-hazard-type">
              {t('standardsRules.edit.addType')}
            </Button>
          </Flex>
        )}
      </Form.List>
      <Divider style={{ margin: '16px 0' }} />
      <Typography.Title level={5}>{t('standardsRules.hazardTypes.levels')}</Typography.Title>
      <Form.List name="checkLevels">
        {(fields) => (
          <Flex vertical gap={8}>
            {fields.map((f) => {
              const level = doc.areaChecks.levels[f.name];
              const colour = level && doc.fourColours.levels.find((x) => x.color === level.color);
              return (
                <Flex key={f.key} gap={8} align="center" wrap>
                  <span style={{ width: 90 }}>{level && <LevelTag color={level.color} label={colour?.label ?? level.color} />}</span>
                  <Form.Item name={[f.name, 'label']} noStyle>
                    <Input style={{ width: 110 }} aria-label={t('standardsRules.hazardTypes.level')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'frequency']} noStyle>
                    <Select
                      style={{ width: 130 }}
                      aria-label={t('standardsRules.hazardTypes.frequency')}
                      data-testid={`edit-check-frequency-${level?.color}`}
                      options={CHECK_FREQUENCIES.map((x) => ({ value: x, label: t(`standardsRules.frequency.${x}`) }))}
                    />
                  </Form.Item>
                </Flex>
              );
            })}
          </Flex>
        )}
      </Form.List>
      <Flex gap={16} wrap style={{ marginTop: 16 }}>
        <Form.Item name="sameTypeInARow" label={t('standardsRules.edit.run')} style={{ flex: '1 1 200px', marginBottom: 0 }}>
          <InputNumber<number> min={2} max={10} precision={0} style={{ width: '100%' }} data-testid="edit-same-type" />
        </Form.Item>
        <Form.Item name="cleanMonths" label={t('standardsRules.edit.clean')} style={{ flex: '1 1 200px', marginBottom: 0 }}>
          <InputNumber<number> min={1} max={24} precision={0} style={{ width: '100%' }} data-testid="edit-clean-months" />
        </Form.Item>
      </Flex>
    </>
  );

  const reminders = (
    <Flex gap={16} wrap>
      <Form.Item name="remindDaysBefore" label={t('standardsRules.edit.remindDays')} style={{ flex: '1 1 260px' }}>
        <InputNumber<number> min={0} max={365} precision={0} style={{ width: '100%' }} data-testid="edit-remind-days" />
      </Form.Item>
      <Form.Item name="expiringSoonDays" label={t('standardsRules.edit.expiringDays')} style={{ flex: '1 1 260px' }}>
        <InputNumber<number> min={0} max={365} precision={0} style={{ width: '100%' }} data-testid="edit-expiring-days" />
      </Form.Item>
    </Flex>
  );

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('standards.edit.title', { version: version + 1 })}
      width={860}
      destroyOnHidden
      okText={t('standards.edit.save')}
      okButtonProps={{ disabled: issues.length > 0, loading: save.isPending, ...({ 'data-testid': 'standards-save' } as Record<string, string>) }}
      onOk={() => void submit()}
    >
      <Form form={form} layout="vertical" initialValues={initial} preserve={false} data-testid="standards-edit-form">
        <Tabs
          size="small"
          items={[
            { key: 'grading', label: t('standardsRules.edit.tabs.grading'), forceRender: true, children: grading },
            { key: 'hazardTypes', label: t('standardsRules.edit.tabs.hazardTypes'), forceRender: true, children: hazardTypes },
            { key: 'reminders', label: t('standardsRules.edit.tabs.reminders'), forceRender: true, children: reminders },
          ]}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('standardsRules.edit.regulatoryNote')}
        </Typography.Text>
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
