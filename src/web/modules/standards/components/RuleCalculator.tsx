/**
 * The calculator for the periodic, training and reporting kinds: inspection dates, area check
 * frequency, hazard-type suggestion, training hours, certificate reviews and reporting clocks —
 * live, with the core evaluate() the server uses.
 */
import type { ReactNode } from 'react';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Descriptions, Empty, Flex, Form, Input, InputNumber, Segmented, Select, Switch, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  ACCIDENT_REPORT_TYPES,
  EVALUATION_KINDS,
  LEVEL_KINDS,
  PRESSURE_VESSEL_GRADES,
  TRAINING_ROLES,
  TRAINING_STAGES,
  tryEvaluate,
  type EvaluationKind,
  type EvaluationOutputs,
  type FieldIssue,
  type LevelKind,
  type StandardsDocument,
} from '../../../../core/standards';
import { formatDateTime } from '../../../ui/DateTime';
import { pickerValue, wallClockToIso } from '../../../platform/time';
import { useIsPhone } from '../../../ui/useIsPhone';
import { LevelTag } from './LevelTag';

/** The kinds not answered with a level: periods, frequencies, suggestions, hours and clocks. */
export type RuleKind = Exclude<EvaluationKind, LevelKind>;
export const RULE_KINDS = EVALUATION_KINDS.filter((k): k is RuleKind => !(LEVEL_KINDS as readonly string[]).includes(k));

export type RuleInput = Record<string, unknown>;

const DAY = 'YYYY-MM-DD';
const toDay = (d: Dayjs | null) => (d ? d.format(DAY) : undefined);
const fromDay = (v: unknown) => (typeof v === 'string' && v ? dayjs(v, DAY) : null);
// the picker shows and reads China Standard Time whatever the browser's zone (platform/time.ts)
const toTime = (d: Dayjs | null) => (d ? wallClockToIso(d) : undefined);
const fromTime = (v: unknown) => (typeof v === 'string' && v ? pickerValue(v) : null);

/** The input each kind starts with (the area check is judged as of today). */
export function initialRuleInput(kind: RuleKind): RuleInput {
  switch (kind) {
    case 'inspection-frequency':
      return { asOf: dayjs().format(DAY), hazards: [] };
    case 'training-hours':
      return { role: 'employee', highRisk: false, stage: 'initial' };
    case 'accident-reporting':
      return { deaths: 0, seriousInjuries: 0, directLossYuan: 0, accidentType: 'other' };
    default:
      return {};
  }
}

export function RuleCalculator({ kind, doc, input, onChange }: { kind: RuleKind; doc: StandardsDocument; input: RuleInput; onChange: (next: RuleInput) => void }) {
  const { t } = useTranslation();
  const r = tryEvaluate(kind, input, doc);
  // "required" is not an error while the form is being filled in
  const issues = r.ok ? [] : r.issues.filter((i) => i.code !== 'required');
  const issueAt = (path: string) => issues.find((i) => i.path === path)?.message;
  const set = (patch: RuleInput) => onChange({ ...input, ...patch });
  const field = (key: string, label: string, control: ReactNode, flex = '1 1 200px') => (
    <Form.Item key={key} label={label} validateStatus={issueAt(key) ? 'error' : undefined} help={issueAt(key)} style={{ flex, marginBottom: 0, minWidth: 0 }}>
      {control}
    </Form.Item>
  );
  const c = (key: string) => t(`standardsRules.calc.${key}` as 'standardsRules.calc.asOf');
  const dateField = (key: string, flex?: string) =>
    field(key, c(key), <DatePicker data-testid={`calc-${key}`} style={{ width: '100%' }} value={fromDay(input[key])} onChange={(d) => set({ [key]: toDay(d) })} />, flex);

  const form = (() => {
    switch (kind) {
      case 'special-equipment-inspection': {
        const interval = doc.specialEquipment.intervals.find((x) => x.type === input.equipmentType);
        return [
          field(
            'equipmentType',
            c('equipmentType'),
            <Select
              data-testid="calc-equipmentType"
              placeholder={t('standards.evaluator.select')}
              value={input.equipmentType as string | undefined}
              options={doc.specialEquipment.intervals.map((x) => ({ value: x.type, label: x.label }))}
              onChange={(v) => set({ equipmentType: v, safetyGrade: undefined })}
            />,
          ),
          dateField('lastInspection'),
          interval && interval.intervalMonths === null
            ? field(
                'safetyGrade',
                c('safetyGrade'),
                <Select
                  data-testid="calc-safetyGrade"
                  placeholder={t('standards.evaluator.select')}
                  value={input.safetyGrade as number | undefined}
                  options={PRESSURE_VESSEL_GRADES.map((g) => ({ value: g, label: t('standardsRules.specialEquipment.gradeN', { grade: g }) }))}
                  onChange={(v) => set({ safetyGrade: v })}
                />,
              )
            : null,
        ];
      }
      case 'inspection-frequency':
        return [
          dateField('asOf', '0 1 200px'),
          <HazardList key="hazards" doc={doc} value={(input.hazards as { reportedOn?: string; type?: string }[]) ?? []} issues={issues} onChange={(hazards) => set({ hazards })} />,
        ];
      case 'hazard-type':
        return [
          field(
            'text',
            c('text'),
            <Input.TextArea data-testid="calc-text" rows={3} maxLength={5000} placeholder={c('textPlaceholder')} value={(input.text as string) ?? ''} onChange={(e) => set({ text: e.target.value })} />,
            '1 1 100%',
          ),
        ];
      case 'training-hours':
        return [
          field(
            'role',
            c('role'),
            <Segmented
              data-testid="calc-role"
              value={input.role as string}
              onChange={(v) => set({ role: v })}
              options={TRAINING_ROLES.map((role) => ({ value: role, label: t(`standardsRules.training.roles.${role}`) }))}
            />,
            '0 1 auto',
          ),
          field('highRisk', c('highRisk'), <Switch data-testid="calc-highRisk" checked={!!input.highRisk} onChange={(v) => set({ highRisk: v })} />, '0 1 auto'),
          field(
            'stage',
            c('stage'),
            <Segmented
              data-testid="calc-stage"
              value={input.stage as string}
              onChange={(v) => set({ stage: v })}
              options={TRAINING_STAGES.map((stage) => ({ value: stage, label: t(`standardsRules.training.${stage}`) }))}
            />,
            '0 1 auto',
          ),
        ];
      case 'special-operation-certificate':
        return [
          dateField('issuedOn'),
          dateField('lastReviewedOn'),
          field('exempted', c('exempted'), <Switch data-testid="calc-exempted" checked={!!input.exempted} onChange={(v) => set({ exempted: v })} />, '0 1 auto'),
        ];
      case 'accident-reporting':
        return [
          field(
            'occurredAt',
            c('occurredAt'),
            <DatePicker data-testid="calc-occurredAt" showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} value={fromTime(input.occurredAt)} onChange={(d) => set({ occurredAt: toTime(d) })} />,
          ),
          field(
            'headInformedAt',
            c('headInformedAt'),
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} value={fromTime(input.headInformedAt)} onChange={(d) => set({ headInformedAt: toTime(d) })} />,
          ),
          ...(['deaths', 'seriousInjuries'] as const).map((key) =>
            field(
              key,
              t(`standards.calc.${key}`),
              <InputNumber<number> data-testid={`calc-${key}`} style={{ width: '100%' }} min={0} precision={0} value={input[key] as number} onChange={(v) => set({ [key]: v ?? 0 })} />,
              '1 1 140px',
            ),
          ),
          field(
            'directLossYuan',
            t('standards.calc.directLoss'),
            <InputNumber<number> style={{ width: '100%' }} min={0} precision={2} value={input.directLossYuan as number} onChange={(v) => set({ directLossYuan: v ?? 0 })} />,
            '1 1 180px',
          ),
          field(
            'accidentType',
            c('accidentType'),
            <Select
              value={input.accidentType as string}
              onChange={(v) => set({ accidentType: v })}
              options={ACCIDENT_REPORT_TYPES.map((x) => ({ value: x, label: t(`standardsRules.reporting.types.${x}`) }))}
            />,
            '1 1 160px',
          ),
        ];
    }
  })();

  return (
    <Flex vertical gap={12}>
      <Form layout="vertical" component="div">
        <Flex gap={16} wrap>
          {form}
        </Flex>
      </Form>
      <Flex vertical gap={8} data-testid="calc-result" data-ok={r.ok ? 'true' : 'false'}>
        <Typography.Text type="secondary">{t('standards.calc.result')}：</Typography.Text>
        {r.ok ? <Answer kind={kind} value={r.value} doc={doc} /> : <Typography.Text type="secondary">{t('standards.calc.incomplete')}</Typography.Text>}
        {r.ok && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }}>
            {t('standards.basis')}：{r.value.basis}
          </Typography.Paragraph>
        )}
      </Flex>
    </Flex>
  );
}

function HazardList({
  doc,
  value,
  issues,
  onChange,
}: {
  doc: StandardsDocument;
  value: { reportedOn?: string; type?: string }[];
  issues: FieldIssue[];
  onChange: (next: { reportedOn?: string; type?: string }[]) => void;
}) {
  const { t } = useTranslation();
  const at = (i: number, key: string) => issues.find((x) => x.path === `hazards.${i}.${key}`)?.message;
  const change = (i: number, patch: { reportedOn?: string; type?: string }) => onChange(value.map((h, j) => (j === i ? { ...h, ...patch } : h)));
  return (
    <Flex vertical gap={8} style={{ flex: '1 1 100%' }} data-testid="calc-hazards">
      <Typography.Text>{t('standardsRules.calc.hazards')}</Typography.Text>
      {value.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('standardsRules.calc.noneYet')} style={{ margin: 0 }} />}
      {value.map((h, i) => (
        <Flex key={i} gap={8} align="center" wrap data-testid={`calc-hazard-${i}`}>
          <DatePicker
            aria-label={t('standardsRules.calc.reportedOn')}
            placeholder={t('standardsRules.calc.reportedOn')}
            status={at(i, 'reportedOn') ? 'error' : undefined}
            value={fromDay(h.reportedOn)}
            onChange={(d) => change(i, { reportedOn: toDay(d) })}
            style={{ flex: '1 1 140px' }}
          />
          <Select
            aria-label={t('standardsRules.calc.hazardType')}
            placeholder={t('standardsRules.calc.hazardType')}
            value={h.type}
            onChange={(type) => change(i, { type })}
            options={doc.hazardTypes.types.map((x) => ({ value: x.type, label: x.label }))}
            style={{ flex: '1 1 140px' }}
          />
          <Button type="text" icon={<DeleteOutlined />} aria-label="remove" onClick={() => onChange(value.filter((_, j) => j !== i))} />
        </Flex>
      ))}
      <Button
        type="dashed"
        icon={<PlusOutlined />}
        style={{ alignSelf: 'flex-start' }}
        data-testid="calc-add-hazard"
        onClick={() => onChange([...value, { reportedOn: dayjs().format(DAY), type: doc.hazardTypes.types[0]?.type }])}
      >
        {t('standardsRules.calc.addHazard')}
      </Button>
    </Flex>
  );
}

function Answer({ kind, value, doc }: { kind: RuleKind; value: EvaluationOutputs[RuleKind]; doc: StandardsDocument }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const c = (key: string) => t(`standardsRules.calc.${key}` as 'standardsRules.calc.asOf');
  const typeLabel = (type: string) => doc.hazardTypes.types.find((x) => x.type === type)?.label ?? type;
  const items = (list: [string, ReactNode, string?][]) => (
    <Descriptions bordered size="small" column={1} layout={phone ? 'vertical' : 'horizontal'} style={{ maxWidth: 720 }}>
      {list.map(([label, content, testId]) => (
        <Descriptions.Item key={label} label={label}>
          <span data-testid={testId}>{content}</span>
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
  switch (kind) {
    case 'special-equipment-inspection': {
      const v = value as EvaluationOutputs['special-equipment-inspection'];
      return items([
        [c('nextDue'), v.nextDue, 'calc-nextDue'],
        [c('applyBy'), <Typography.Text strong>{v.applyBy}</Typography.Text>, 'calc-applyBy'],
        [c('interval'), t('standardsRules.months', { count: v.intervalMonths })],
      ]);
    }
    case 'inspection-frequency': {
      const v = value as EvaluationOutputs['inspection-frequency'];
      return items([
        [c('frequency'), <Tag color={v.frequency === 'biweekly' ? 'orange' : 'green'}>{t(`standardsRules.frequency.${v.frequency}`)}</Tag>, 'calc-frequency'],
        [c('specialItems'), v.specialItems.length ? v.specialItems.map(typeLabel).join('、') : '—'],
        [c('reason'), v.reason, 'calc-reason'],
      ]);
    }
    case 'hazard-type': {
      const v = value as EvaluationOutputs['hazard-type'];
      return items([
        [c('suggested'), <Tag color="blue">{v.label}</Tag>, 'calc-suggested'],
        [c('matched'), v.keywords.join('、') || '—'],
        [c('alternatives'), v.alternatives.map((a) => a.label).join('、') || '—'],
      ]);
    }
    case 'training-hours': {
      const v = value as EvaluationOutputs['training-hours'];
      return items([[c('minHours'), v.minHours === null ? t('standardsRules.training.noFigure') : t('standardsRules.hoursShort', { count: v.minHours }), 'calc-minHours']]);
    }
    case 'special-operation-certificate': {
      const v = value as EvaluationOutputs['special-operation-certificate'];
      return items([
        [c('expiresOn'), v.expiresOn, 'calc-expiresOn'],
        [c('nextReviewOn'), v.nextReviewOn, 'calc-nextReviewOn'],
        [c('reviewWindow'), `${v.reviewWindowStart} – ${v.nextReviewOn}`, 'calc-reviewWindow'],
      ]);
    }
    case 'accident-reporting': {
      const v = value as EvaluationOutputs['accident-reporting'];
      const level = doc.accidentLevels.levels.find((l) => l.level === v.level);
      return items([
        [t('standardsRules.reporting.level'), level ? <LevelTag color={level.color} label={v.label} /> : v.label, 'calc-accident-level'],
        [
          c('chain'),
          <Flex vertical gap={2}>
            {v.chain.map((x) => (
              <span key={x.authority} data-testid={`calc-by-${x.authority}`}>
                {doc.accidentReporting.authorities.find((a) => a.authority === x.authority)?.label ?? x.authority}：{formatDateTime(x.by)}
              </span>
            ))}
          </Flex>,
        ],
        [c('supplementsUntil'), formatDateTime(v.supplementsUntil), 'calc-supplementsUntil'],
      ]);
    }
  }
}
