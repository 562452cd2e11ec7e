/**
 * RiskEvaluator: pick L/E/C (LEC) or L/S (LS) and see the score, the level and its colour as you
 * choose — computed by the same core evaluate() the server enforces. Works as an antd Form
 * control (value / onChange) and stand-alone. Other forms (hazard assessment, risk points) use it.
 */
import { useMemo } from 'react';
import { Flex, Segmented, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { tryEvaluate, type Evaluation, type ScaleValue, type StandardsDocument } from '../../../../core/standards';
import { useStandards } from '../queries';
import { LevelTag } from './LevelTag';

export type RiskMethod = 'lec' | 'ls';

export interface RiskValue {
  method: RiskMethod;
  l?: number;
  e?: number;
  c?: number;
  s?: number;
}

export interface RiskEvaluatorProps {
  value?: RiskValue;
  /** Called on every change with the evaluation (null until every factor is chosen). */
  onChange?: (value: RiskValue, result: Evaluation | null) => void;
  /** The method when no value is given (default LS). */
  defaultMethod?: RiskMethod;
  /** Let the user switch between LEC and LS. */
  allowMethodChange?: boolean;
  /** The standards to use (default: the tenant's current version). */
  document?: StandardsDocument;
  disabled?: boolean;
  /** Stack the selects vertically (phones, narrow columns). */
  vertical?: boolean;
}

/** The result of a risk value under a document, or null while a factor is missing. */
export function evaluateRisk(value: RiskValue | undefined, doc: StandardsDocument | undefined): Evaluation | null {
  if (!value || !doc) return null;
  const input = value.method === 'lec' ? { l: value.l, e: value.e, c: value.c } : { l: value.l, s: value.s };
  if (Object.values(input).some((v) => v === undefined)) return null;
  const r = tryEvaluate(value.method, input, doc);
  return r.ok ? r.value : null;
}

function options(values: ScaleValue[]) {
  return values.map((v) => ({ value: v.value, label: `${v.value} — ${v.label}` }));
}

export function RiskEvaluator({ value, onChange, defaultMethod = 'ls', allowMethodChange = true, document, disabled, vertical }: RiskEvaluatorProps) {
  const { t } = useTranslation();
  const standards = useStandards();
  const doc = document ?? standards.data?.document;
  const current: RiskValue = value ?? { method: defaultMethod };
  const result = useMemo(() => evaluateRisk(current, doc), [current, doc]);

  const change = (next: RiskValue) => onChange?.(next, evaluateRisk(next, doc));
  const factors: { key: 'l' | 'e' | 'c' | 's'; label: string; values: ScaleValue[] }[] = !doc
    ? []
    : current.method === 'lec'
      ? [
          { key: 'l', label: t('standards.lec.l'), values: doc.lec.l },
          { key: 'e', label: t('standards.lec.e'), values: doc.lec.e },
          { key: 'c', label: t('standards.lec.c'), values: doc.lec.c },
        ]
      : [
          { key: 'l', label: t('standards.ls.l'), values: doc.ls.l },
          { key: 's', label: t('standards.ls.s'), values: doc.ls.s },
        ];

  return (
    <Flex vertical gap={12} data-testid="risk-evaluator" data-method={current.method}>
      {allowMethodChange && (
        <Segmented<RiskMethod>
          value={current.method}
          disabled={disabled}
          onChange={(method) => change({ method })}
          options={[
            { value: 'ls', label: t('standards.tabs.ls') },
            { value: 'lec', label: t('standards.tabs.lec') },
          ]}
          style={{ alignSelf: 'flex-start' }}
        />
      )}
      <Flex gap={12} vertical={vertical} wrap>
        {factors.map((f) => (
          <label key={f.key} style={{ flex: vertical ? undefined : '1 1 200px', minWidth: 0 }}>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginBottom: 4 }}>
              {f.label}
            </Typography.Text>
            <Select<number>
              data-testid={`risk-factor-${f.key}`}
              style={{ width: '100%' }}
              placeholder={t('standards.evaluator.select')}
              disabled={disabled || !doc}
              value={current[f.key]}
              options={options(f.values)}
              onChange={(v) => change({ ...current, [f.key]: v })}
              popupMatchSelectWidth={false}
            />
          </label>
        ))}
      </Flex>
      <Flex align="center" gap={12} data-testid="risk-result" data-level={result?.level ?? ''} data-score={result?.score ?? ''}>
        {result ? (
          <>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {t('standards.evaluator.score', { name: current.method === 'lec' ? 'D' : 'R', score: result.score })}
            </Typography.Text>
            <LevelTag color={result.color} label={result.label} testId="risk-level" />
          </>
        ) : (
          <Typography.Text type="secondary">{t('standards.evaluator.pending')}</Typography.Text>
        )}
      </Flex>
    </Flex>
  );
}
