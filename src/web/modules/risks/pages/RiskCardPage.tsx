/**
 * 风险告知卡: the card posted at the risk point, laid out like those at Chinese worksites — a header
 * band in the risk colour, then name, level, hazards, possible accidents, controls, emergency
 * measures, responsibility, report phone, warning signs and a QR code back to this page. Prints as
 * one A4 page without the app around it.
 */
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Flex, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { formatChina } from '../../../platform/time';
import { CONTROL_KINDS, warningSigns } from '../../../../core/risks';
import { useMe } from '../../../platform/auth/AuthProvider';
import { ErrorState } from '../../../ui/States';
import { usePageTitle } from '../../../ui/usePageTitle';
import { textOn } from '../../standards/format';
import { riskApi, type RiskPoint } from '../api';
import { factorsText, mapColor, scoreText } from '../format';
import { useRiskPoint, useRiskRealtime } from '../queries';
import './risk-card.css';

/** A GB 2894 style warning sign: black-edged yellow triangle with an exclamation mark, caption below. */
function WarningSign({ caption }: { caption: string }) {
  return (
    <figure className="zhian-rc-sign">
      <svg viewBox="0 0 100 88" aria-hidden="true">
        <polygon points="50,4 96,84 4,84" fill="#ffd400" stroke="#111" strokeWidth="7" strokeLinejoin="round" />
        <rect x="45" y="30" width="10" height="32" rx="3" fill="#111" />
        <circle cx="50" cy="72" r="6" fill="#111" />
      </svg>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

export function RiskCard({ point, company }: { point: RiskPoint; company: string }) {
  const { t } = useTranslation();
  const a = point.assessment;
  const band = mapColor(a.color);
  const none = t('risks.card.none');
  const accidents = point.accidentTypes.map((x) => t(`risks.accidentType.${x}`)).join('、') || none;
  const signs = warningSigns(point.accidentTypes);
  const measures = CONTROL_KINDS.filter((k) => k !== 'emergency' && point.controls[k] && point.controls[k] !== '—');
  return (
    <article className="zhian-risk-card" data-testid="risk-card" data-color={a.color} style={{ borderColor: band }}>
      <header className="zhian-rc-head" style={{ background: band, color: textOn(a.color) }} data-testid="risk-card-band">
        <div className="zhian-rc-company">{company}</div>
        <h1>{t('risks.card.title')}</h1>
        <div className="zhian-rc-code">{point.code}</div>
      </header>
      <table className="zhian-rc-table">
        <tbody>
          <tr>
            <th>{t('risks.card.name')}</th>
            <td colSpan={3} className="zhian-rc-name" data-testid="risk-card-name">
              {point.name}
            </td>
          </tr>
          <tr>
            <th>{t('risks.card.area')}</th>
            <td>
              {point.area.name}
              {point.equipment ? `（${point.equipment.code} ${point.equipment.name}）` : ''}
            </td>
            <th>{t('risks.card.managementLevel')}</th>
            <td>{t(`risks.managementLevel.${point.managementLevel}`)}</td>
          </tr>
          <tr>
            <th>{t('risks.card.level')}</th>
            <td colSpan={3}>
              <div className="zhian-rc-level">
                <span className="zhian-rc-swatch" style={{ background: band, color: textOn(a.color) }} data-testid="risk-card-level">
                  {a.riskLevelLabel}
                </span>
                <span>
                  {scoreText(a.method, a.score)}（{factorsText(a.method, a.input)}）{a.label !== a.riskLevelLabel ? ` · ${a.label}` : ''}
                </span>
              </div>
            </td>
          </tr>
          <tr>
            <th>{t('risks.card.factors')}</th>
            <td colSpan={3} className="zhian-rc-text">
              {point.hazardFactors || none}
            </td>
          </tr>
          <tr>
            <th>{t('risks.card.accidents')}</th>
            <td colSpan={3}>{accidents}</td>
          </tr>
          <tr>
            <th>{t('risks.card.controls')}</th>
            <td colSpan={3} className="zhian-rc-text">
              {measures.length ? (
                <ol className="zhian-rc-measures">
                  {measures.map((k) => (
                    <li key={k}>
                      <b>{t(`risks.control.${k}`)}：</b>
                      {point.controls[k]}
                    </li>
                  ))}
                </ol>
              ) : (
                none
              )}
            </td>
          </tr>
          <tr>
            <th>{t('risks.card.emergency')}</th>
            <td colSpan={3} className="zhian-rc-text">
              {point.controls.emergency || none}
            </td>
          </tr>
          <tr>
            <th>{t('risks.card.department')}</th>
            <td>{point.department.name}</td>
            <th>{t('risks.card.responsible')}</th>
            <td>{point.responsibleUser ? point.responsibleUser.displayName : none}</td>
          </tr>
          <tr>
            <th>{t('risks.card.phone')}</th>
            <td colSpan={3}>{t('risks.card.phoneHint')}</td>
          </tr>
        </tbody>
      </table>
      <footer className="zhian-rc-foot">
        <div className="zhian-rc-signs">
          {signs.map((s) => (
            <WarningSign key={s} caption={s} />
          ))}
        </div>
        <div className="zhian-rc-qr">
          <img src={riskApi.qrUrl(point.id)} alt={t('risks.card.scan')} data-testid="risk-card-qr" />
          <span>{t('risks.card.scan')}</span>
        </div>
      </footer>
      <div className="zhian-rc-basis">
        {t('risks.card.basis', {
          method: a.method.toUpperCase(),
          version: a.standardsVersion,
          date: formatChina(a.assessedAt, 'YYYY-MM-DD'),
          who: a.assessedBy?.displayName ?? none,
        })}
      </div>
    </article>
  );
}

export default function RiskCardPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const point = useRiskPoint(id);
  useRiskRealtime();
  usePageTitle(point.data ? t('risks.card.pageTitle', { name: point.data.name }) : t('risks.card.title'));

  if (point.isError) return <ErrorState error={point.error} onRetry={() => void point.refetch()} />;
  return (
    <div className="zhian-rc-page">
      <Flex className="zhian-rc-noprint" justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 16 }}>
        <Link to="/risk-points">
          <Button icon={<ArrowLeftOutlined />}>{t('risks.card.back')}</Button>
        </Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!point.data} data-testid="risk-card-print">
          {t('risks.card.print')}
        </Button>
      </Flex>
      {point.data ? <RiskCard point={point.data} company={me.tenant.name} /> : <Skeleton active paragraph={{ rows: 12 }} />}
    </div>
  );
}
