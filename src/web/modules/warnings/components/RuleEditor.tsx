/**
 * The editor of one linkage rule (a drawer): when it fires (sources, event types, minimum colour,
 * areas — empty lists mean "any"), what each department is told (texts with placeholders filled in
 * from the warning), deadlines, and the extra actions (report a hazard, launch a flow).
 */
import { useEffect } from 'react';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, type FormInstance, Card, Col, Drawer, Flex, Form, Input, InputNumber, Radio, Row, Select, Switch, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../platform/api/client';
import { errorText } from '../../../ui/errors';
import { useIsPhone } from '../../../ui/useIsPhone';
import { useFlowDepartments, useFlowTemplates } from '../../flows/queries';
import { useAreas } from '../../org/queries';
import { useSaveRule } from '../queries';
import { COLOR_HEX, COLOR_TEXT, EVENT_TYPES, SOURCE_KINDS, WARNING_COLORS, type LinkageRule, type RuleBody } from '../types';

export const PLACEHOLDERS = ['event', 'color', 'level', 'headline', 'area', 'expires'] as const;

type Values = Omit<RuleBody, 'version'>;

/**
 * The server names nested fields ("body.instruct.1.instruction", "body.when.areaIds.0"): put each
 * message on that field of the form (list fields by index); return what fits none.
 */
function applyRuleErrors(form: FormInstance<Values>, err: unknown): string[] {
  if (!isApiError(err)) return [];
  const rest: string[] = [];
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const d of err.details) {
    const parts = d.path.split('.').filter(Boolean);
    if (parts[0] === 'body') parts.shift();
    let name: (string | number)[] | null = null;
    if (parts[0] === 'instruct' && parts.length >= 3) name = ['instruct', Number(parts[1]), parts[2]];
    else if (parts[0] === 'when' && parts[1]) name = ['when', parts[1]];
    else if (['name', 'responseHours', 'escalateAfterHours', 'flowTemplateKey'].includes(parts[0] ?? '')) name = [parts[0]];
    if (name) fields.push({ name, errors: [d.message] });
    else rest.push(d.path ? `${d.path}: ${d.message}` : d.message);
  }
  form.setFields(fields as Parameters<typeof form.setFields>[0]);
  if (fields.length) form.scrollToField(fields[0].name, { block: 'center' });
  return rest;
}

const EMPTY: Values = {
  name: '',
  enabled: true,
  when: { sourceKinds: [], eventTypes: [], minColor: 'yellow', areaIds: [] },
  instruct: [{ departmentId: '', instruction: '' }],
  responseHours: 2,
  escalateAfterHours: 1,
  raiseHazard: false,
  flowTemplateKey: null,
};

/** {{event}} … as clickable chips: a click copies the placeholder for pasting into a text. */
function PlaceholderHelp() {
  const { t } = useTranslation();
  return (
    <Flex wrap gap={6} align="center" style={{ fontSize: 12 }} data-testid="warning-rule-placeholders">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('warnings.rules.placeholdersHelp')}
      </Typography.Text>
      {PLACEHOLDERS.map((p) => (
        <Tooltip key={p} title={t(`warnings.rules.placeholders.${p}`)}>
          <Typography.Text code copyable={{ text: `{{${p}}}`, tooltips: false }} style={{ fontSize: 12 }}>
            {`{{${p}}}`}
          </Typography.Text>
        </Tooltip>
      ))}
    </Flex>
  );
}

export function RuleEditor({ rule, open, onClose }: { rule: LinkageRule | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const departments = useFlowDepartments(open);
  const templates = useFlowTemplates(open);
  const areas = useAreas();
  const save = useSaveRule();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(rule ? { ...EMPTY, ...rule, when: { ...EMPTY.when, ...rule.when } } : EMPTY);
  }, [open, rule, form]);

  const onSave = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    // named field by field: the server takes exactly these (strict bodies), and `version` only on edits
    const body: RuleBody = {
      name: v.name.trim(),
      enabled: v.enabled,
      when: { sourceKinds: v.when.sourceKinds ?? [], eventTypes: v.when.eventTypes ?? [], minColor: v.when.minColor, areaIds: v.when.areaIds ?? [] },
      instruct: v.instruct.map((i) => ({ departmentId: i.departmentId, instruction: i.instruction.trim() })),
      responseHours: v.responseHours,
      escalateAfterHours: v.escalateAfterHours,
      raiseHazard: !!v.raiseHazard,
      flowTemplateKey: v.flowTemplateKey || null,
      ...(rule?.version !== undefined ? { version: rule.version } : {}),
    };
    try {
      await save.mutateAsync({ id: rule?.id ?? null, body });
      message.success(t('warnings.rules.saved'));
      onClose();
    } catch (err) {
      if (isApiError(err) && err.status === 409) {
        message.warning(t('warnings.rules.conflict'));
        onClose();
        return;
      }
      const rest = applyRuleErrors(form, err);
      message.error(rest.length ? `${errorText(err, t)}: ${rest.join('; ')}` : errorText(err, t));
    }
  };

  const any = t('warnings.rules.anyValue');
  return (
    <Drawer
      title={rule ? t('warnings.rules.edit') : t('warnings.rules.add')}
      open={open}
      onClose={onClose}
      size={phone ? '100%' : 720}
      forceRender
      extra={
        <Flex gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => void onSave()} data-testid="warning-rule-save">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form<Values> form={form} layout="vertical" disabled={save.isPending} data-testid="warning-rule-form" initialValues={EMPTY}>
        <Row gutter={12}>
          <Col xs={24} sm={18}>
            <Form.Item name="name" label={t('warnings.rules.name')} rules={[{ required: true, whitespace: true, message: t('warnings.rules.nameRequired') }, { max: 100 }]}>
              <Input maxLength={100} data-testid="warning-rule-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={6}>
            <Form.Item name="enabled" label={t('warnings.rules.enabled')} valuePropName="checked">
              <Switch data-testid="warning-rule-enabled" />
            </Form.Item>
          </Col>
        </Row>

        <Card size="small" title={t('warnings.rules.conditions')} style={{ marginBottom: 16 }}>
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item name={['when', 'sourceKinds']} label={t('warnings.rules.sourceKinds')}>
                <Select mode="multiple" allowClear placeholder={any} options={SOURCE_KINDS.map((s) => ({ value: s, label: t(`warnings.source.${s}`) }))} data-testid="warning-rule-sources" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name={['when', 'eventTypes']} label={t('warnings.rules.eventTypes')}>
                <Select
                  mode="multiple"
                  allowClear
                  placeholder={any}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={EVENT_TYPES.map((e) => ({ value: e, label: t(`warnings.event.${e}`) }))}
                  data-testid="warning-rule-events"
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name={['when', 'minColor']} label={t('warnings.rules.minColor')}>
            <Radio.Group optionType="button" data-testid="warning-rule-min-color">
              {WARNING_COLORS.map((c) => (
                <Radio.Button key={c} value={c}>
                  <span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 2, background: COLOR_HEX[c], marginInlineEnd: 6, verticalAlign: 0 }} />
                  {t('warnings.rules.minColorHint', { color: t(`warnings.color.${c}`) })}
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name={['when', 'areaIds']} label={t('warnings.rules.areas')} style={{ marginBottom: 0 }}>
            <Select
              mode="multiple"
              allowClear
              placeholder={any}
              showSearch={{ optionFilterProp: 'label' }}
              loading={areas.isPending}
              options={(areas.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
              data-testid="warning-rule-areas"
            />
          </Form.Item>
        </Card>

        <Card size="small" title={t('warnings.rules.instructions')} style={{ marginBottom: 16 }}>
          <div style={{ marginBottom: 10 }}>
            <PlaceholderHelp />
          </div>
          <Form.List name="instruct" rules={[{ validator: async (_, v) => { if (!v?.length) throw new Error(t('warnings.rules.atLeastOne')); } }]}>
            {(fields, { add, remove }, { errors }) => (
              <Flex vertical gap={8}>
                {fields.map((f) => (
                  <Flex key={f.key} gap={8} align="flex-start" vertical={phone} data-testid="warning-rule-instruct" style={{ borderBottom: '1px dashed #f0f0f0', paddingBottom: 8 }}>
                    <Form.Item name={[f.name, 'departmentId']} rules={[{ required: true, message: t('warnings.rules.departmentRequired') }]} style={{ width: phone ? '100%' : 160, marginBottom: 0 }}>
                      <Select
                        placeholder={t('warnings.rules.department')}
                        loading={departments.isPending}
                        showSearch={{ optionFilterProp: 'label' }}
                        options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
                        data-testid="warning-rule-department"
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'instruction']} rules={[{ required: true, whitespace: true, message: t('warnings.rules.instructionRequired') }, { max: 1000 }]} style={{ flex: 1, width: '100%', marginBottom: 0 }}>
                      <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} placeholder={t('warnings.rules.instructionPlaceholder')} data-testid="warning-rule-instruction" />
                    </Form.Item>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('warnings.rules.delete')} disabled={fields.length <= 1} />
                  </Flex>
                ))}
                <Form.ErrorList errors={errors} />
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ departmentId: undefined, instruction: '' })} data-testid="warning-rule-add-department">
                  {t('warnings.rules.addDepartment')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Card>

        <Card size="small" title={t('warnings.rules.actions')}>
          <Row gutter={12}>
            <Col xs={12}>
              <Form.Item name="responseHours" label={t('warnings.rules.responseHours')} rules={[{ required: true }]}>
                <InputNumber min={0.25} max={720} step={1} style={{ width: '100%' }} data-testid="warning-rule-response-hours" />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="escalateAfterHours" label={t('warnings.rules.escalateAfterHours')} rules={[{ required: true }]}>
                <InputNumber min={0} max={720} step={1} style={{ width: '100%' }} data-testid="warning-rule-escalate-hours" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="raiseHazard" label={t('warnings.rules.raiseHazard')} valuePropName="checked" extra={t('warnings.rules.raiseHazardHint')}>
            <Switch data-testid="warning-rule-raise-hazard" />
          </Form.Item>
          <Form.Item name="flowTemplateKey" label={t('warnings.rules.flowTemplate')} style={{ marginBottom: 0 }}>
            <Select
              allowClear
              placeholder={t('warnings.rules.flowTemplateNone')}
              loading={templates.isPending}
              options={(templates.data ?? []).filter((x) => x.active && (x.subjectTypes.includes('warning') || x.subjectTypes.includes('none'))).map((x) => ({ value: x.key, label: x.name }))}
              data-testid="warning-rule-flow"
            />
          </Form.Item>
        </Card>
      </Form>
    </Drawer>
  );
}

/** A colour chip for tables. */
export function ColorChip({ color, label }: { color: keyof typeof COLOR_HEX; label: string }) {
  return (
    <span style={{ background: COLOR_HEX[color], color: COLOR_TEXT[color], padding: '0 6px', borderRadius: 3, fontSize: 12, whiteSpace: 'nowrap' }}>{label}</span>
  );
}
