/** 评估计算器: every kind of evaluation, live, with the core evaluate() the server uses. */
import { useState } from 'react';
import { Alert, Card, Flex, Form, InputNumber, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { COLORS, LEVEL_KINDS, tryEvaluate, type EvaluationKind, type LevelKind, type StandardsDocument } from '../../../../core/standards';
import { LevelTag } from './LevelTag';
import { RiskEvaluator, type RiskValue } from './RiskEvaluator';
import { initialRuleInput, RULE_KINDS, RuleCalculator, type RuleInput, type RuleKind } from './RuleCalculator';

const isLevelKind = (k: EvaluationKind): k is LevelKind => (LEVEL_KINDS as readonly string[]).includes(k);

type Figures = Record<string, number | string | null | undefined>;

const FIGURES: Record<Exclude<LevelKind, 'lec' | 'ls'>, { key: string; label: string; integer?: boolean }[]> = {
  'hazard-grade': [
    { key: 'potentialDeaths', label: 'standards.calc.potentialDeaths', integer: true },
    { key: 'directLossYuan', label: 'standards.calc.directLoss' },
  ],
  'accident-level': [
    { key: 'deaths', label: 'standards.calc.deaths', integer: true },
    { key: 'seriousInjuries', label: 'standards.calc.seriousInjuries', integer: true },
    { key: 'directLossYuan', label: 'standards.calc.directLoss' },
  ],
  'weather-level': [{ key: 'color', label: 'standards.calc.color' }],
};

export function Calculator({ doc, version }: { doc: StandardsDocument; version: number }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<EvaluationKind>('ls');
  const [risk, setRisk] = useState<RiskValue>({ method: 'ls' });
  const [figures, setFigures] = useState<Record<string, Figures>>({});
  const [rules, setRules] = useState<Partial<Record<RuleKind, RuleInput>>>({});

  const kinds: LevelKind[] = ['ls', 'lec', 'hazard-grade', 'accident-level', 'weather-level'];
  const values = figures[kind] ?? {};
  const filled = isLevelKind(kind) && kind !== 'lec' && kind !== 'ls' && FIGURES[kind].every((f) => values[f.key] !== undefined && values[f.key] !== null);
  const result = filled ? tryEvaluate(kind, values, doc) : null;
  const label = (k: EvaluationKind) => (isLevelKind(k) ? t(`standards.calc.kinds.${k}`) : t(`standardsRules.calc.kinds.${k}`));

  return (
    <Flex vertical gap={16} data-testid="standards-calculator">
      <Typography.Text type="secondary">{t('standards.calc.hint', { version })}</Typography.Text>
      <Select<EvaluationKind>
        data-testid="calc-kind"
        aria-label={t('standards.calc.kind')}
        value={kind}
        onChange={(k) => {
          setKind(k);
          if (k === 'lec' || k === 'ls') setRisk({ method: k });
        }}
        options={[
          { label: t('standardsRules.calc.group.levels'), options: kinds.map((k) => ({ value: k, label: label(k) })) },
          { label: t('standardsRules.calc.group.periods'), options: RULE_KINDS.map((k) => ({ value: k, label: label(k) })) },
        ]}
        style={{ width: 260, maxWidth: '100%' }}
        virtual={false}
        listHeight={420}
      />
      <Card size="small" style={{ maxWidth: 880 }}>
        {!isLevelKind(kind) ? (
          <RuleCalculator kind={kind} doc={doc} input={rules[kind] ?? initialRuleInput(kind)} onChange={(next) => setRules({ ...rules, [kind]: next })} />
        ) : kind === 'lec' || kind === 'ls' ? (
          <RiskEvaluator document={doc} value={risk} onChange={setRisk} allowMethodChange={false} />
        ) : (
          <Flex vertical gap={12}>
            <Form layout="vertical" component="div">
              <Flex gap={16} wrap>
                {FIGURES[kind].map((f) => {
                  const issue = result && !result.ok ? result.issues.find((i) => i.path === f.key) : undefined;
                  return (
                    <Form.Item
                      key={f.key}
                      label={t(f.label as 'standards.calc.deaths')}
                      validateStatus={issue ? 'error' : undefined}
                      help={issue?.message}
                      style={{ flex: '1 1 200px', marginBottom: 0 }}
                    >
                      {f.key === 'color' ? (
                        <Select
                          data-testid={`calc-${f.key}`}
                          placeholder={t('standards.evaluator.select')}
                          value={values.color as string | undefined}
                          onChange={(v) => setFigures({ ...figures, [kind]: { ...values, color: v } })}
                          options={COLORS.map((c) => ({ value: c, label: t(`standards.colors.${c}`) }))}
                        />
                      ) : (
                        <InputNumber<number>
                          data-testid={`calc-${f.key}`}
                          style={{ width: '100%' }}
                          min={0}
                          precision={f.integer ? 0 : 2}
                          value={values[f.key] as number | undefined}
                          onChange={(v) => setFigures({ ...figures, [kind]: { ...values, [f.key]: v } })}
                          formatter={(v) => (v === undefined || v === null || String(v) === '' ? '' : Number(v).toLocaleString('en-US', { maximumFractionDigits: 2 }))}
                          parser={(v) => Number((v ?? '').replace(/,/g, ''))}
                        />
                      )}
                    </Form.Item>
                  );
                })}
              </Flex>
            </Form>
            <Flex align="center" gap={12} data-testid="calc-result" data-level={result?.ok ? result.value.level : ''}>
              <Typography.Text type="secondary">{t('standards.calc.result')}：</Typography.Text>
              {result?.ok ? (
                <LevelTag color={result.value.color} label={result.value.label} testId="calc-level" />
              ) : (
                <Typography.Text type="secondary">{t('standards.calc.incomplete')}</Typography.Text>
              )}
            </Flex>
          </Flex>
        )}
      </Card>
      {kind === 'accident-level' && <Alert type="info" showIcon title={t('standards.accident.rule')} style={{ maxWidth: 880 }} />}
    </Flex>
  );
}
