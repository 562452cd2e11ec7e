/** Read-only views of each section of a standards document. */
import { Descriptions, Flex, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fourColour, lsProducts, type Color, type StandardsDocument } from '../../../../core/standards';
import { currentLocale } from '../../../platform/i18n';
import { COLOR_HEX, formatYuan, lecRange, lsRange, textOn } from '../format';
import { ColorSwatch, LevelTag } from './LevelTag';
import { SectionBasis } from './RuleSections';

/** These sections exist in every stored version: never defaulted. */
const Basis = ({ text }: { text: string }) => <SectionBasis text={text} defaulted={false} />;

function useColorName() {
  const { t } = useTranslation();
  return (c: Color) => t(`standards.colors.${c}` as 'standards.colors.red');
}

export function HazardGradeView({ doc }: { doc: StandardsDocument }) {
  const { t } = useTranslation();
  const colorName = useColorName();
  const s = doc.hazardGrade;
  return (
    <div data-testid="standards-hazard-grade">
      <Basis text={s.basis} />
      <Descriptions bordered size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('standards.hazardGrade.rule')}>
          <span data-testid="major-rule">
            {t('standards.hazardGrade.ruleText', { deaths: s.major.minDeaths, loss: formatYuan(s.major.minDirectLossYuan, currentLocale()) })}
          </span>
        </Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        pagination={false}
        rowKey="level"
        dataSource={s.levels}
        columns={[
          { title: t('standards.hazardGrade.level'), key: 'label', render: (_, r) => <LevelTag color={r.color} label={r.label} /> },
          { title: t('standards.hazardGrade.color'), key: 'color', render: (_, r) => <ColorSwatch color={r.color} label={colorName(r.color)} /> },
        ]}
      />
    </div>
  );
}

export function LecView({ doc }: { doc: StandardsDocument }) {
  const { t } = useTranslation();
  const s = doc.lec;
  const factor = (title: string, values: { value: number; label: string }[], key: string) => (
    <Table
      key={key}
      size="small"
      pagination={false}
      rowKey="value"
      title={() => <Typography.Text strong>{title}</Typography.Text>}
      dataSource={values}
      columns={[
        { title: t('standards.lec.value'), dataIndex: 'value', width: 80 },
        { title: t('standards.lec.meaning'), dataIndex: 'label' },
      ]}
      style={{ flex: '1 1 260px', minWidth: 0 }}
    />
  );
  return (
    <div data-testid="standards-lec">
      <Basis text={s.basis} />
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('standards.lec.formula')}
      </Typography.Title>
      <Flex gap={16} wrap style={{ marginBottom: 16 }}>
        {factor(t('standards.lec.l'), s.l, 'l')}
        {factor(t('standards.lec.e'), s.e, 'e')}
        {factor(t('standards.lec.c'), s.c, 'c')}
      </Flex>
      <Table
        size="small"
        pagination={false}
        rowKey="level"
        title={() => <Typography.Text strong>{t('standards.lec.bands')}</Typography.Text>}
        dataSource={s.bands}
        columns={[
          { title: t('standards.lec.range'), key: 'range', render: (_, b) => <code>{lecRange(b)}</code> },
          { title: t('standards.lec.level'), key: 'label', render: (_, b) => <LevelTag color={b.color} label={b.label} /> },
          {
            title: t('standards.lec.riskLevel'),
            key: 'risk',
            render: (_, b) => {
              const c = fourColour(doc, b.riskLevel);
              return c ? <LevelTag color={c.color} label={c.label} /> : b.riskLevel;
            },
          },
        ]}
      />
    </div>
  );
}

/** The 5×5 LS matrix, each cell coloured by the band its R falls in. */
export function LsMatrix({ doc, testId = 'ls-matrix' }: { doc: Pick<StandardsDocument, 'ls' | 'fourColours'>; testId?: string }) {
  const { t } = useTranslation();
  const ls = [...doc.ls.l].sort((a, b) => b.value - a.value);
  const ss = [...doc.ls.s].sort((a, b) => a.value - b.value);
  const cell = { width: 56, height: 44, textAlign: 'center' as const, fontWeight: 600, border: '2px solid #fff' };
  return (
    <table data-testid={testId} style={{ borderCollapse: 'collapse' }}>
      <tbody>
        {ls.map((l) => (
          <tr key={l.value}>
            <th title={l.label} style={{ ...cell, fontWeight: 500, color: '#555', width: 40 }}>
              L{l.value}
            </th>
            {ss.map((s) => {
              const r = l.value * s.value;
              const band = doc.ls.bands.find((b) => r >= b.min && r <= b.max);
              const colour = band && doc.fourColours.levels.find((x) => x.level === band.level);
              const color = colour?.color;
              return (
                <td
                  key={s.value}
                  data-r={r}
                  data-color={color ?? 'none'}
                  title={`L${l.value} × S${s.value} = ${r}${colour ? ` · ${colour.label}` : ''}`}
                  style={{ ...cell, background: color ? COLOR_HEX[color] : '#f0f0f0', color: color ? textOn(color) : '#999', borderRadius: 4 }}
                >
                  {r}
                </td>
              );
            })}
          </tr>
        ))}
        <tr>
          <th style={{ ...cell, fontWeight: 500, color: '#999', width: 40 }}>{t('standards.ls.axis')}</th>
          {ss.map((s) => (
            <th key={s.value} title={s.label} style={{ ...cell, fontWeight: 500, color: '#555' }}>
              S{s.value}
            </th>
          ))}
        </tr>
      </tbody>
    </table>
  );
}

export function LsView({ doc }: { doc: StandardsDocument }) {
  const { t } = useTranslation();
  const s = doc.ls;
  const products = lsProducts(doc);
  const bands = [...s.bands].sort((a, b) => b.min - a.min);
  return (
    <div data-testid="standards-ls">
      <Basis text={s.basis} />
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('standards.ls.formula')}
      </Typography.Title>
      <Flex gap={32} wrap align="flex-start">
        <div>
          <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
            {t('standards.ls.matrix')}
          </Typography.Text>
          <LsMatrix doc={doc} />
        </div>
        <Flex vertical gap={16} style={{ flex: '1 1 360px', minWidth: 0 }}>
          <Table
            size="small"
            pagination={false}
            rowKey="level"
            title={() => <Typography.Text strong>{t('standards.ls.bands')}</Typography.Text>}
            dataSource={bands}
            columns={[
              { title: t('standards.ls.range'), key: 'range', render: (_, b) => <code>{lsRange(b)}</code> },
              {
                title: t('standards.fourColours.level'),
                key: 'level',
                render: (_, b) => {
                  const c = fourColour(doc, b.level);
                  return c ? <LevelTag color={c.color} label={c.label} /> : b.level;
                },
              },
              {
                title: t('standards.ls.values'),
                key: 'values',
                render: (_, b) => (
                  <Typography.Text type="secondary">{products.filter((r) => r >= b.min && r <= b.max).join(', ')}</Typography.Text>
                ),
              },
            ]}
          />
          <Typography.Text type="secondary">{t('standards.ls.configurable')}</Typography.Text>
          <Flex gap={16} wrap>
            {(['l', 's'] as const).map((axis) => (
              <Table
                key={axis}
                size="small"
                pagination={false}
                rowKey="value"
                title={() => <Typography.Text strong>{t(`standards.ls.${axis}`)}</Typography.Text>}
                dataSource={s[axis]}
                columns={[
                  { title: t('standards.lec.value'), dataIndex: 'value', width: 64 },
                  { title: t('standards.lec.meaning'), dataIndex: 'label' },
                ]}
                style={{ flex: '1 1 240px', minWidth: 0 }}
              />
            ))}
          </Flex>
        </Flex>
      </Flex>
    </div>
  );
}

export function FourColoursView({ doc }: { doc: StandardsDocument }) {
  const { t } = useTranslation();
  const colorName = useColorName();
  return (
    <div data-testid="standards-four-colours">
      <Basis text={doc.fourColours.basis} />
      <Flex gap={12} wrap>
        {doc.fourColours.levels.map((x) => (
          <div
            key={x.level}
            data-color={x.color}
            style={{ background: COLOR_HEX[x.color], color: textOn(x.color), borderRadius: 8, padding: '16px 20px', minWidth: 150 }}
          >
            <div style={{ fontSize: 18, fontWeight: 600 }}>{x.label}</div>
            <div style={{ opacity: 0.85 }}>
              {t('standards.fourColours.color')}：{colorName(x.color)}
            </div>
          </div>
        ))}
      </Flex>
    </div>
  );
}

export function AccidentLevelsView({ doc }: { doc: StandardsDocument }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const levels = doc.accidentLevels.levels;
  type Figure = 'minDeaths' | 'minSeriousInjuries' | 'minDirectLossYuan';
  /** 493号令 wording: "10 人以上、30 人以下" ("以上" includes, "以下" excludes). */
  const threshold = (i: number, figure: Figure, fmt: (n: number) => string) => {
    if (i === levels.length - 1) return t('standards.accident.below', { value: fmt(levels[i - 1]?.[figure] ?? 0) });
    if (i === 0) return t('standards.accident.atLeast', { value: fmt(levels[i][figure]) });
    return t('standards.accident.range', { from: fmt(levels[i][figure]), to: fmt(levels[i - 1][figure]) });
  };
  const people = (n: number) => t('standards.accident.people', { count: n });
  return (
    <div data-testid="standards-accident-levels">
      <Basis text={doc.accidentLevels.basis} />
      <Table
        size="small"
        pagination={false}
        rowKey="level"
        dataSource={levels}
        columns={[
          { title: t('standards.accident.level'), key: 'label', render: (_, r) => <LevelTag color={r.color} label={r.label} /> },
          { title: t('standards.accident.deaths'), key: 'd', render: (_, _r, i) => threshold(i, 'minDeaths', people) },
          { title: t('standards.accident.injuries'), key: 'i', render: (_, _r, i) => threshold(i, 'minSeriousInjuries', people) },
          { title: t('standards.accident.loss'), key: 'y', render: (_, _r, i) => threshold(i, 'minDirectLossYuan', (n) => formatYuan(n, locale)) },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t('standards.accident.rule')}
      </Typography.Paragraph>
    </div>
  );
}

export function WeatherLevelsView({ doc }: { doc: StandardsDocument }) {
  const { t } = useTranslation();
  const colorName = useColorName();
  return (
    <div data-testid="standards-weather-levels">
      <Basis text={doc.weatherLevels.basis} />
      <Table
        size="small"
        pagination={false}
        rowKey="level"
        dataSource={doc.weatherLevels.levels}
        columns={[
          { title: t('standards.weather.color'), key: 'color', render: (_, r) => <ColorSwatch color={r.color} label={colorName(r.color)} /> },
          { title: t('standards.weather.level'), key: 'label', render: (_, r) => <LevelTag color={r.color} label={r.label} /> },
        ]}
      />
    </div>
  );
}
