/**
 * Read-only views of the periodic, training and reporting sections: special-equipment
 * inspections, hazard types and area checks, training hours and certificates, accident reporting.
 */
import type { ReactNode } from 'react';
import { Descriptions, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  ACCIDENT_LEVELS,
  AUTHORITIES,
  TRAINING_ROLES,
  type StandardsDocument,
  type StandardsSection,
  type TrainingRole,
} from '../../../../core/standards';
import { useIsPhone } from '../../../ui/useIsPhone';
import { LevelTag } from './LevelTag';

/** The section's basis, and a tag when the tenant's version does not have the section yet. */
export function SectionBasis({ text, defaulted, testId }: { text: string; defaulted: boolean; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Flex gap={8} align="flex-start" wrap style={{ marginBottom: 12 }}>
      {defaulted && (
        <Tooltip title={t('standardsRules.defaultedHelp')}>
          <Tag color="blue" data-testid={testId ? `${testId}-defaulted` : 'section-defaulted'} style={{ marginInlineEnd: 0 }}>
            {t('standardsRules.defaulted')}
          </Tag>
        </Tooltip>
      )}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0, flex: '1 1 300px' }} data-testid="standards-basis">
        {t('standards.basis')}：{text}
      </Typography.Paragraph>
    </Flex>
  );
}

interface ViewProps {
  doc: StandardsDocument;
  defaulted: readonly StandardsSection[];
}

function Heading({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <Flex align="center" gap={8} wrap style={{ margin: '16px 0 8px' }}>
      <Typography.Text strong>{children}</Typography.Text>
      {extra}
    </Flex>
  );
}

function Kind({ regulatory }: { regulatory: boolean }) {
  const { t } = useTranslation();
  return <Tag bordered={false}>{regulatory ? t('standardsRules.regulatory') : t('standardsRules.tenantChoice')}</Tag>;
}

export function SpecialEquipmentView({ doc, defaulted }: ViewProps) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const s = doc.specialEquipment;
  return (
    <div data-testid="standards-special-equipment">
      <SectionBasis text={s.basis} defaulted={defaulted.includes('specialEquipment')} testId="special-equipment" />
      <Descriptions bordered size="small" column={1} layout={phone ? 'vertical' : 'horizontal'} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('standardsRules.specialEquipment.rule')}>
          <span data-testid="apply-rule">{t('standardsRules.specialEquipment.ruleText', { months: s.applyMonthsBefore, days: s.remindDaysBefore })}</span>
        </Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        pagination={false}
        rowKey="type"
        scroll={{ x: 640 }}
        dataSource={s.intervals}
        columns={[
          { title: t('standardsRules.specialEquipment.type'), dataIndex: 'label', width: 220 },
          {
            title: t('standardsRules.specialEquipment.interval'),
            key: 'interval',
            width: 140,
            render: (_, x) =>
              x.intervalMonths === null ? (
                <Typography.Text type="secondary">{t('standardsRules.specialEquipment.byGrade')}</Typography.Text>
              ) : (
                <span data-testid={`interval-${x.type}`}>{months(t, x.intervalMonths)}</span>
              ),
          },
          { title: t('standardsRules.specialEquipment.basis'), key: 'basis', render: (_, x) => <Typography.Text type="secondary">{x.basis}</Typography.Text> },
        ]}
      />
      <Heading>{t('standardsRules.specialEquipment.grades')}</Heading>
      <Table
        size="small"
        pagination={false}
        rowKey="grade"
        scroll={{ x: 560 }}
        dataSource={s.pressureVesselGrades}
        columns={[
          { title: t('standardsRules.specialEquipment.grade'), key: 'grade', width: 120, render: (_, g) => t('standardsRules.specialEquipment.gradeN', { grade: g.grade }) },
          {
            title: t('standardsRules.specialEquipment.interval'),
            key: 'interval',
            width: 140,
            render: (_, g) => (g.intervalMonths === null ? <Typography.Text type="warning">{t('standardsRules.specialEquipment.noInterval')}</Typography.Text> : months(t, g.intervalMonths)),
          },
          { title: t('standardsRules.specialEquipment.note'), dataIndex: 'note' },
        ]}
      />
    </div>
  );
}

/** "12 个月" as "1 年" when whole years: intervals read as the regulations write them. */
function months(t: (key: 'standardsRules.years' | 'standardsRules.months', options: { count: number }) => string, n: number) {
  return n % 12 === 0 ? t('standardsRules.years', { count: n / 12 }) : t('standardsRules.months', { count: n });
}

export function HazardTypesView({ doc, defaulted }: ViewProps) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const s = doc.hazardTypes;
  const a = doc.areaChecks;
  return (
    <div data-testid="standards-hazard-types">
      <SectionBasis text={s.basis} defaulted={defaulted.includes('hazardTypes')} testId="hazard-types" />
      <Typography.Paragraph type="secondary">{t('standardsRules.hazardTypes.intro')}</Typography.Paragraph>
      <Table
        size="small"
        pagination={false}
        rowKey="type"
        scroll={phone ? undefined : { x: 560 }}
        dataSource={s.types}
        columns={[
          { title: t('standardsRules.hazardTypes.type'), dataIndex: 'label', width: 110 },
          ...(phone ? [] : [{ title: t('standardsRules.hazardTypes.code'), key: 'code', width: 170, render: (_: unknown, x: { type: string }) => <code>{x.type}</code> }]),
          {
            title: t('standardsRules.hazardTypes.keywords'),
            key: 'keywords',
            render: (_, x) =>
              x.keywords.length ? (
                <Flex gap={4} wrap>
                  {x.keywords.map((k) => (
                    <Tag key={k} style={{ marginInlineEnd: 0 }}>
                      {k}
                    </Tag>
                  ))}
                </Flex>
              ) : (
                <Typography.Text type="secondary">{t('standardsRules.hazardTypes.none')}</Typography.Text>
              ),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('standardsRules.hazardTypes.checks')}
      </Typography.Title>
      <SectionBasis text={a.basis} defaulted={defaulted.includes('areaChecks')} testId="area-checks" />
      <Descriptions bordered size="small" column={1} layout={phone ? 'vertical' : 'horizontal'} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('standardsRules.hazardTypes.adaptive')}>
          <span data-testid="adaptive-rule">{t('standardsRules.hazardTypes.adaptiveText', { run: a.sameTypeInARow, clean: a.cleanMonths })}</span>
        </Descriptions.Item>
      </Descriptions>
      <Heading extra={<Kind regulatory={false} />}>{t('standardsRules.hazardTypes.levels')}</Heading>
      <Table
        size="small"
        pagination={false}
        rowKey="color"
        dataSource={a.levels}
        columns={[
          {
            title: t('standardsRules.hazardTypes.color'),
            key: 'color',
            render: (_, x) => {
              const c = doc.fourColours.levels.find((l) => l.color === x.color);
              return <LevelTag color={x.color} label={c?.label ?? t(`standards.colors.${x.color}`)} />;
            },
          },
          { title: t('standardsRules.hazardTypes.level'), dataIndex: 'label' },
          { title: t('standardsRules.hazardTypes.frequency'), key: 'f', render: (_, x) => <span data-testid={`check-frequency-${x.color}`}>{t(`standardsRules.frequency.${x.frequency}`)}</span> },
        ]}
      />
    </div>
  );
}

export function TrainingView({ doc, defaulted }: ViewProps) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const s = doc.trainingHours;
  const c = doc.certificates;
  const hoursOf = (role: TrainingRole, highRisk: boolean, stage: 'initial' | 'annual') => {
    const rule = s.rules.find((r) => r.role === role && r.highRisk === highRisk && r.stage === stage);
    if (!rule) return '—';
    const text = rule.minHours === null ? t('standardsRules.training.noFigure') : t('standardsRules.hoursShort', { count: rule.minHours });
    return (
      <Tooltip title={rule.basis}>
        <span data-testid={`hours-${role}-${highRisk ? 'high' : 'other'}-${stage}`} style={{ borderBottom: '1px dashed #bbb', cursor: 'help' }}>
          {text}
        </span>
      </Tooltip>
    );
  };
  const stages = ['initial', 'annual'] as const;
  return (
    <div data-testid="standards-training">
      <SectionBasis text={s.basis} defaulted={defaulted.includes('trainingHours')} testId="training-hours" />
      <Heading extra={<Kind regulatory />}>{t('standardsRules.training.hours')}</Heading>
      <Table
        size="small"
        pagination={false}
        rowKey={(r) => r}
        scroll={{ x: 560 }}
        dataSource={[...TRAINING_ROLES]}
        columns={[
          { title: t('standardsRules.training.role'), key: 'role', width: 150, render: (_, role) => t(`standardsRules.training.roles.${role}`) },
          {
            title: t('standardsRules.training.other'),
            children: stages.map((stage) => ({ title: t(`standardsRules.training.${stage}`), key: `o-${stage}`, render: (_: unknown, role: TrainingRole) => hoursOf(role, false, stage) })),
          },
          {
            title: <Tooltip title={t('standardsRules.training.highRiskHelp')}>{t('standardsRules.training.highRisk')}</Tooltip>,
            children: stages.map((stage) => ({ title: t(`standardsRules.training.${stage}`), key: `h-${stage}`, render: (_: unknown, role: TrainingRole) => hoursOf(role, true, stage) })),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('standardsRules.training.certificates')}
      </Typography.Title>
      <SectionBasis text={c.basis} defaulted={defaulted.includes('certificates')} testId="certificates" />
      <Table
        size="small"
        pagination={false}
        rowKey="category"
        scroll={{ x: 560 }}
        dataSource={c.validity}
        columns={[
          { title: t('standardsRules.training.category'), key: 'c', width: 200, render: (_, v) => t(`standardsRules.training.categories.${v.category}`) },
          { title: t('standardsRules.training.validity'), key: 'y', width: 100, render: (_, v) => t('standardsRules.years', { count: v.years }) },
          { title: t('standardsRules.specialEquipment.basis'), key: 'b', render: (_, v) => <Typography.Text type="secondary">{v.basis}</Typography.Text> },
        ]}
      />
      <Descriptions bordered size="small" column={1} layout={phone ? 'vertical' : 'horizontal'} style={{ marginTop: 16 }}>
        <Descriptions.Item label={t('standardsRules.training.review')}>
          <span data-testid="review-rule">
            {t('standardsRules.training.reviewText', { every: c.reviewEveryYears, exempted: c.exemptedReviewEveryYears, window: c.reviewWindowDays })}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('standardsRules.training.expiringSoon')}>
          {t('standardsRules.training.expiringSoonText', { days: c.expiringSoonDays })} <Kind regulatory={false} />
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}

export function ReportingView({ doc, defaulted }: ViewProps) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const s = doc.accidentReporting;
  const levels = ACCIDENT_LEVELS.map((level) => doc.accidentLevels.levels.find((l) => l.level === level)).filter((l) => !!l);
  const authorityLabel = (a: (typeof AUTHORITIES)[number]) => s.authorities.find((x) => x.authority === a)?.label ?? a;
  return (
    <div data-testid="standards-reporting">
      <SectionBasis text={s.basis} defaulted={defaulted.includes('accidentReporting')} testId="accident-reporting" />
      <Descriptions bordered size="small" column={1} layout={phone ? 'vertical' : 'horizontal'} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('standardsRules.reporting.chain')}>{t('standardsRules.reporting.chainText', { first: s.firstReportHours, per: s.perLevelHours })}</Descriptions.Item>
        <Descriptions.Item label={t('standardsRules.reporting.supplements')}>
          {t('standardsRules.reporting.supplementsText', { other: s.supplementDays.other, fire: s.supplementDays.fire })}
        </Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        pagination={false}
        rowKey="level"
        scroll={{ x: 560 }}
        dataSource={levels}
        columns={[
          { title: t('standardsRules.reporting.level'), key: 'l', width: 110, render: (_, l) => <LevelTag color={l.color} label={l.label} /> },
          { title: t('standardsRules.reporting.reachesUpTo'), key: 'r', width: 220, render: (_, l) => authorityLabel(s.reachesUpTo[l.level]) },
          {
            title: t('standardsRules.reporting.deadline'),
            key: 'd',
            render: (_, l) => (
              <Flex gap={6} wrap data-testid={`chain-${l.level}`}>
                {AUTHORITIES.slice(0, AUTHORITIES.indexOf(s.reachesUpTo[l.level]) + 1).map((a, i) => (
                  <Tag key={a} style={{ marginInlineEnd: 0 }}>
                    {t(`standardsRules.reporting.authorities.${a}`)} ≤ {t('standardsRules.hours', { count: s.firstReportHours + i * s.perLevelHours })}
                  </Tag>
                ))}
              </Flex>
            ),
          },
        ]}
      />
    </div>
  );
}
