/**
 * 评估定级: grade by judgement (一般/重大) or by the consequence figures (the unified standard
 * decides, previewed live), an optional LEC/LS risk evaluation (live score and colour), and the basis.
 */
import { useEffect } from 'react';
import { Alert, Button, Flex, Form, Input, InputNumber, Modal, Radio, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { DEFAULT_STANDARDS } from '../../../../../core/standards';
import { RiskEvaluator, useStandards, type RiskValue } from '../../../standards';
import { useIsPhone } from '../../../../ui/useIsPhone';
import type { AssessBody, LoopHazard, RiskInput } from '../../types';
import { GradeTag } from '../HazardTags';
import { useStep, type StepDialogProps } from './useStep';

type Mode = 'grade' | 'figures';

interface Values {
  mode: Mode;
  grade?: 'general' | 'major';
  potentialDeaths?: number | null;
  directLossYuan?: number | null;
  risk?: RiskValue;
  basis: string;
}

const FIELDS = ['grade', 'potentialDeaths', 'directLossYuan', 'risk', 'basis'];

function factorsOf(v: RiskValue | undefined): (number | undefined)[] {
  if (!v) return [];
  return v.method === 'lec' ? [v.l, v.e, v.c] : [v.l, v.s];
}

function riskInput(v: RiskValue | undefined): RiskInput | undefined {
  if (!v || factorsOf(v).some((x) => x === undefined)) return undefined;
  return v.method === 'lec' ? { method: 'lec', l: v.l!, e: v.e!, c: v.c! } : { method: 'ls', l: v.l!, s: v.s! };
}

/** The dialog starts from the current assessment when re-assessing. */
function initialValues(h: LoopHazard): Values {
  const a = h.assessment;
  const figures = a && (a.potentialDeaths !== null || a.directLossYuan !== null);
  const input = a?.riskInput ?? {};
  return {
    mode: figures ? 'figures' : 'grade',
    grade: a?.grade,
    potentialDeaths: a?.potentialDeaths ?? undefined,
    directLossYuan: a?.directLossYuan ?? undefined,
    risk: a?.riskMethod ? { method: a.riskMethod, l: input.l, e: input.e, c: input.c, s: input.s } : { method: 'lec' },
    basis: a?.basis ?? '',
  };
}

export function AssessModal(props: StepDialogProps) {
  const { hazard, open, onClose } = props;
  const { t } = useTranslation();
  const phone = useIsPhone();
  const [form] = Form.useForm<Values>();
  const { run, pending } = useStep('assess', props, form, { fields: FIELDS });
  const standards = useStandards();
  const doc = standards.data?.document ?? (standards.isError ? DEFAULT_STANDARDS : undefined);
  const rule = (doc ?? DEFAULT_STANDARDS).hazardGrade.major;

  const mode = Form.useWatch('mode', form);
  const deaths = Form.useWatch('potentialDeaths', form);
  const loss = Form.useWatch('directLossYuan', form);
  const risk = Form.useWatch('risk', form);
  const figured = deaths != null || loss != null;
  const byRule = (deaths ?? 0) >= rule.minDeaths || (loss ?? 0) >= rule.minDirectLossYuan ? 'major' : 'general';

  useEffect(() => {
    if (open) form.setFieldsValue(initialValues(hazard));
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps

  const onOk = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body: Omit<AssessBody, 'version'> = { basis: v.basis.trim(), risk: riskInput(v.risk) };
    if (v.mode === 'grade') body.grade = v.grade;
    else {
      if (v.potentialDeaths != null) body.potentialDeaths = v.potentialDeaths;
      if (v.directLossYuan != null) body.directLossYuan = v.directLossYuan;
    }
    await run(body, (h) => t('hazards.loop.assess.success', { grade: t(`hazards.grade.${h.grade ?? 'none'}`) }));
  };

  const figuresRule = {
    validator: async () => {
      if (form.getFieldValue('potentialDeaths') == null && form.getFieldValue('directLossYuan') == null) throw new Error(t('hazards.loop.assess.figuresRequired'));
    },
  };

  return (
    <Modal
      open={open}
      title={t('hazards.loop.assess.title')}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      onOk={onOk}
      onCancel={onClose}
      confirmLoading={pending}
      width={phone ? undefined : 680}
      style={phone ? { top: 12 } : undefined}
      forceRender
      okButtonProps={{ 'data-testid': 'hazard-assess-submit' }}
    >
      <Form form={form} layout="vertical" data-testid="hazard-assess-form" initialValues={{ mode: 'grade' }}>
        <Form.Item name="mode" label={t('hazards.loop.assess.mode')}>
          <Segmented<Mode>
            options={[
              { value: 'grade', label: t('hazards.loop.assess.byJudgement') },
              { value: 'figures', label: t('hazards.loop.assess.byFigures') },
            ]}
            data-testid="hazard-assess-mode"
          />
        </Form.Item>
        {mode !== 'figures' ? (
          <Form.Item name="grade" label={t('hazards.loop.assess.grade')} rules={[{ required: true, message: t('hazards.loop.assess.gradeRequired') }]}>
            <Radio.Group data-testid="hazard-assess-grade">
              <Radio value="general">{t('hazards.grade.general')}</Radio>
              <Radio value="major">{t('hazards.grade.major')}</Radio>
            </Radio.Group>
          </Form.Item>
        ) : (
          <>
            <Flex gap={12} wrap>
              <Form.Item name="potentialDeaths" label={t('hazards.loop.assess.deaths')} rules={[figuresRule]} dependencies={['directLossYuan']} style={{ flex: '1 1 180px' }}>
                <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} data-testid="hazard-assess-deaths" />
              </Form.Item>
              <Form.Item name="directLossYuan" label={t('hazards.loop.assess.loss')} style={{ flex: '1 1 220px' }}>
                <InputNumber min={0} max={1e12} precision={0} step={10000} style={{ width: '100%' }} data-testid="hazard-assess-loss" />
              </Form.Item>
            </Flex>
            <Alert
              type={figured && byRule === 'major' ? 'error' : 'info'}
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="hazard-assess-preview"
              data-grade={figured ? byRule : ''}
              title={
                <Flex gap={8} wrap align="center">
                  <span>
                    {t('hazards.loop.assess.ruleHint', {
                      deaths: rule.minDeaths,
                      lossWan: rule.minDirectLossYuan / 10000,
                      loss: rule.minDirectLossYuan.toLocaleString('en-US'),
                    })}
                  </span>
                  {figured && (
                    <span>
                      {t('hazards.loop.assess.result')}：<GradeTag grade={byRule} />
                    </span>
                  )}
                </Flex>
              }
            />
          </>
        )}
        <Form.Item
          label={
            <Flex gap={8} align="center">
              {t('hazards.loop.assess.risk')}
              {factorsOf(risk).some((x) => x !== undefined) && (
                <Button size="small" type="link" onClick={() => form.setFieldValue('risk', { method: risk?.method ?? 'lec' })}>
                  {t('hazards.loop.assess.clearRisk')}
                </Button>
              )}
            </Flex>
          }
        >
          <Form.Item
            name="risk"
            noStyle
            rules={[
              {
                validator: async (_, v: RiskValue | undefined) => {
                  const f = factorsOf(v);
                  if (f.some((x) => x !== undefined) && f.some((x) => x === undefined)) throw new Error(t('hazards.loop.assess.riskIncomplete'));
                },
              },
            ]}
          >
            <RiskEvaluator document={doc} vertical={phone} />
          </Form.Item>
        </Form.Item>
        <Form.Item
          name="basis"
          label={t('hazards.loop.assess.basis')}
          rules={[{ required: true, whitespace: true, message: t('hazards.loop.assess.basisRequired') }, { max: 2000 }]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('hazards.loop.assess.basisPlaceholder')} data-testid="hazard-assess-basis" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
