/**
 * 四色风险分布图: the site plan with every area in the highest colour of its risk points (安委办
 * 〔2016〕11号: red 重大, orange 较大, yellow 一般, blue 低; grey: not assessed), open hazards as
 * markers (重大隐患 as red flags), a popup per area with its risk points and hazards, a legend and
 * the list of areas. The safety department uploads the plan and draws the outlines here.
 */
import { useCallback, useMemo, useState } from 'react';
import { EditOutlined, ExpandOutlined, PictureOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, List, Popconfirm, Select, Skeleton, Space, Tag, Tooltip, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { COLOR_RANK, type Point } from '../../../../core/risks';
import { uploadFile } from '../../../platform/api/client';
import { useAuth } from '../../../platform/auth/AuthProvider';
import { errorText } from '../../../ui/errors';
import { ErrorState, PageLoading } from '../../../ui/States';
import { usePageTitle } from '../../../ui/usePageTitle';
import { LevelTag } from '../../standards';
import type { MapArea, MapHazard } from '../api';
import { GREY, mapColor } from '../format';
import { RISKS_MANAGE } from '../permissions';
import { useRiskMap, useRiskPoints, useRiskRealtime, useSetPolygon, useSetSitePlan } from '../queries';
import { hazardIconHtml } from '../components/hazardIcons';
import RiskMapCanvas from '../components/RiskMapCanvas';
import './risk-map.css';


const OPEN_STATUSES = 'reported,assessed,rectifying,verifying';

function Swatch({ color }: { color: string }) {
  return <span className="zhian-map-swatch" style={{ background: color }} />;
}

/** The content of an area's popup: its risk points (highest first) and its open hazards. */
function AreaPopup({ area, manage, onRedraw, onRemove }: { area: MapArea; manage: boolean; onRedraw: () => void; onRemove: () => void }) {
  const { t } = useTranslation();
  const points = useRiskPoints({ areaId: area.id, pageSize: 5, sort: '-score' });
  const hazards = area.openHazards;
  return (
    <div className="zhian-area-popup" data-testid="area-popup" data-area={area.code}>
      <Flex align="center" gap={8} className="zhian-area-popup-head">
        <Swatch color={mapColor(area.color)} />
        <b>{area.name}</b>
        <Typography.Text type="secondary">{area.code}</Typography.Text>
      </Flex>
      <div style={{ margin: '4px 0 8px' }}>
        {area.color ? <LevelTag color={area.color} label={area.colorLabel ?? ''} /> : <Tag>{t('risks.map.none')}</Tag>}
      </div>
      <div className="zhian-area-popup-section">{t('risks.map.riskPoints', { count: area.riskPoints })}</div>
      {points.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} title={false} />
      ) : (
        <ul className="zhian-area-popup-list">
          {(points.data?.items ?? []).map((p) => (
            <li key={p.id}>
              <LevelTag color={p.assessment.color} label={p.assessment.riskLevelLabel} />
              <Link to={`/risk-points/${p.id}/card`}>{p.name}</Link>
            </li>
          ))}
          {area.riskPoints > 5 && <li className="zhian-area-popup-more">{t('risks.map.more', { count: area.riskPoints - 5 })}</li>}
        </ul>
      )}
      <div className="zhian-area-popup-section">{t('risks.map.openHazards', { count: hazards.length })}</div>
      {hazards.length > 0 && (
        <ul className="zhian-area-popup-list">
          {hazards.slice(0, 4).map((h) => (
            <li key={h.id}>
              {h.grade === 'major' && <Tag color="red">{t('risks.map.grade.major')}</Tag>}
              <Link to={`/hazards/${h.id}`}>
                {h.code} {h.title}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <Flex gap={12} wrap className="zhian-area-popup-links">
        <Link to={`/risk-points?areaId=${area.id}`}>{t('risks.map.viewPoints')}</Link>
        {hazards.length > 0 && <Link to={`/hazards?areaId=${area.id}&status=${OPEN_STATUSES}`}>{t('risks.map.viewHazards')}</Link>}
        {manage && (
          <>
            <a onClick={onRedraw}>{t('risks.map.redraw')}</a>
            <Popconfirm title={t('risks.map.removeConfirm', { name: area.name })} onConfirm={onRemove} okText={t('common.ok')} cancelText={t('common.cancel')}>
              <a>{t('risks.map.removeOutline')}</a>
            </Popconfirm>
          </>
        )}
      </Flex>
    </div>
  );
}

function Legend({ items }: { items: { color: string; label: string }[] }) {
  const { t } = useTranslation();
  return (
    <div className="zhian-map-legend" data-testid="risk-map-legend">
      <div className="zhian-map-legend-title">{t('risks.map.legend')}</div>
      {items.map((i) => (
        <div key={i.label} className="zhian-map-legend-row">
          <Swatch color={i.color} />
          {i.label}
        </div>
      ))}
      <div className="zhian-map-legend-row">
        <span className="zhian-map-legend-icon" dangerouslySetInnerHTML={{ __html: hazardIconHtml(false) }} />
        {t('risks.map.hazard')}
      </div>
      <div className="zhian-map-legend-row">
        <span className="zhian-map-legend-icon" dangerouslySetInnerHTML={{ __html: hazardIconHtml(true) }} />
        {t('risks.map.majorHazard')}
      </div>
    </div>
  );
}

export default function RiskMapPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { can } = useAuth();
  const map = useRiskMap();
  const setPlan = useSetSitePlan();
  const setPolygon = useSetPolygon();
  const manage = can(RISKS_MANAGE) && !!map.data?.can.manage;
  const [drawing, setDrawing] = useState(false);
  const [draft, setDraft] = useState<Point[]>([]);
  const [finished, setFinished] = useState(false);
  const [assign, setAssign] = useState<string | undefined>();
  const [focus, setFocus] = useState<{ areaId: string; seq: number } | null>(null);
  const [fitSeq, setFitSeq] = useState(0);
  const [uploading, setUploading] = useState(false);
  useRiskRealtime();
  usePageTitle(t('risks.map.pageTitle'));

  const labels = useMemo(
    () => ({ openHazard: t('risks.map.hazardLink'), grade: (g: MapHazard['grade']) => t(`risks.map.grade.${g ?? 'none'}`) }),
    [t],
  );

  const startDrawing = useCallback((areaId?: string) => {
    setDraft([]);
    setFinished(false);
    setAssign(areaId);
    setDrawing(true);
  }, []);
  const stopDrawing = () => {
    setDrawing(false);
    setDraft([]);
    setFinished(false);
  };
  const finishDraft = useCallback(() => setFinished(true), []);
  const changeDraft = useCallback((p: Point[]) => setDraft(p), []);

  const savePolygon = async () => {
    if (!assign) return;
    if (draft.length < 3) return void message.warning(t('risks.map.needThree'));
    try {
      await setPolygon.mutateAsync({ areaId: assign, points: draft });
      const name = map.data?.areas.find((a) => a.id === assign)?.name ?? '';
      message.success(t('risks.map.saved', { name }));
      stopDrawing();
    } catch (err) {
      message.error(errorText(err, t) + (isDetails(err) ? `: ${detailsOf(err)}` : ''));
    }
  };

  const removeOutline = async (area: MapArea) => {
    try {
      await setPolygon.mutateAsync({ areaId: area.id, points: null });
      message.success(t('risks.map.removed'));
    } catch (err) {
      message.error(errorText(err, t));
    }
  };

  const upload = async (file: File) => {
    setUploading(true);
    try {
      const stored = await uploadFile(file, file.name);
      const r = await setPlan.mutateAsync(stored.id);
      message.success(r.rescaledAreas ? t('risks.map.rescaled', { count: r.rescaledAreas }) : t('risks.map.uploaded'));
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setUploading(false);
    }
  };

  const areas = map.data?.areas ?? [];
  const sorted = useMemo(
    () => [...areas].sort((a, b) => (b.color ? COLOR_RANK[b.color] : 0) - (a.color ? COLOR_RANK[a.color] : 0) || a.code.localeCompare(b.code)),
    [areas],
  );
  const legend = useMemo(
    () => [...(map.data?.legend ?? []).map((l) => ({ color: mapColor(l.color), label: l.label })), { color: GREY, label: t('risks.map.none') }],
    [map.data?.legend, t],
  );
  const renderPopup = useCallback(
    (area: MapArea) => <AreaPopup area={area} manage={manage} onRedraw={() => startDrawing(area.id)} onRemove={() => void removeOutline(area)} />,
    [manage, startDrawing], // eslint-disable-line react-hooks/exhaustive-deps
  );

  if (map.isError && !map.data) return <ErrorState error={map.error} onRetry={() => void map.refetch()} />;

  const openHazards = areas.reduce((n, a) => n + a.openHazards.length, 0);
  const majorHazards = areas.reduce((n, a) => n + a.openHazards.filter((h) => h.grade === 'major').length, 0);
  const byColour = (['red', 'orange', 'yellow', 'blue'] as const).map((c) => ({ color: c, n: areas.filter((a) => a.color === c).length }));

  const uploadButton = (
    <Upload accept="image/png,image/jpeg,image/webp" showUploadList={false} beforeUpload={(f) => (void upload(f as File), false)} disabled={uploading}>
      <Button icon={<PictureOutlined />} loading={uploading} data-testid="site-plan-upload">
        {map.data?.sitePlan ? t('risks.map.replace') : t('risks.map.upload')}
      </Button>
    </Upload>
  );

  return (
    <Card className="zhian-map-page" styles={{ body: { paddingBottom: 16 } }}>
      <Flex className="zhian-page-title" justify="space-between" align="center" wrap>
        <Typography.Title level={4}>{t('risks.map.pageTitle')}</Typography.Title>
        <Space wrap>
          <Link to="/risk-points">
            <Button icon={<UnorderedListOutlined />}>{t('risks.map.list')}</Button>
          </Link>
          {manage && uploadButton}
          {manage && !drawing && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => startDrawing()} data-testid="risk-map-draw">
              {t('risks.map.draw')}
            </Button>
          )}
        </Space>
      </Flex>
      {map.data && !map.data.sitePlan && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('risks.map.noPlan')}
          description={manage ? t('risks.map.noPlanHint') : t('risks.map.noPlanReader')}
        />
      )}
      <div className="zhian-map-layout">
        <div className="zhian-map-wrap">
          {map.data ? (
            <>
              <RiskMapCanvas
                data={map.data}
                drawing={drawing}
                draft={draft}
                onDraftChange={finished ? () => undefined : changeDraft}
                onDraftFinish={finishDraft}
                renderPopup={renderPopup}
                onOpenHazard={(id) => navigate(`/hazards/${id}`)}
                focus={focus}
                fitSeq={fitSeq}
                labels={labels}
              />
              <Tooltip title={t('risks.map.fit')} placement="left">
                <Button className="zhian-map-fit" icon={<ExpandOutlined />} onClick={() => setFitSeq((n) => n + 1)} aria-label={t('risks.map.fit')} data-testid="risk-map-fit" />
              </Tooltip>
              {!drawing && <Legend items={legend} />}
            </>
          ) : (
            <PageLoading />
          )}
        </div>
        <aside className="zhian-map-side" data-testid="risk-map-side">
          {drawing ? (
            <div data-testid="risk-map-drawing">
              <Typography.Title level={5}>{t('risks.map.drawTitle')}</Typography.Title>
              <Typography.Paragraph type="secondary">{t('risks.map.drawHelp')}</Typography.Paragraph>
              <Typography.Paragraph data-testid="risk-map-vertices">{t('risks.map.vertices', { count: draft.length })}</Typography.Paragraph>
              <Flex gap={8} wrap style={{ marginBottom: 16 }}>
                <Button size="small" disabled={!draft.length} onClick={() => (setDraft(draft.slice(0, -1)), setFinished(false))}>
                  {t('risks.map.undo')}
                </Button>
                <Button size="small" disabled={!draft.length} onClick={() => (setDraft([]), setFinished(false))}>
                  {t('risks.map.clear')}
                </Button>
                <Button size="small" disabled={draft.length < 3 || finished} onClick={() => setFinished(true)}>
                  {t('risks.map.finish')}
                </Button>
              </Flex>
              <div style={{ marginBottom: 6 }}>{t('risks.map.assign')}</div>
              <Select
                style={{ width: '100%' }}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('risks.map.assignPlaceholder')}
                value={assign}
                onChange={setAssign}
                options={areas.map((a) => ({ value: a.id, label: `${a.code} ${a.name}${a.polygon ? '' : `（${t('risks.map.notDrawn')}）`}` }))}
                data-testid="risk-map-assign"
              />
              <Flex gap={8} style={{ marginTop: 16 }}>
                <Button type="primary" disabled={!assign || draft.length < 3} loading={setPolygon.isPending} onClick={() => void savePolygon()} data-testid="risk-map-save">
                  {t('risks.map.save')}
                </Button>
                <Button onClick={stopDrawing}>{t('common.cancel')}</Button>
              </Flex>
            </div>
          ) : (
            <>
              <Flex gap={6} wrap style={{ marginBottom: 12 }} data-testid="risk-map-summary">
                {byColour.map((c) => (
                  <span key={c.color} className="zhian-map-count" style={{ borderColor: mapColor(c.color) }}>
                    <Swatch color={mapColor(c.color)} />
                    {c.n}
                  </span>
                ))}
                <span className="zhian-map-count">{t('risks.map.hazardTotal', { count: openHazards, major: majorHazards })}</span>
              </Flex>
              {map.data?.hazardsWithoutArea ? (
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                  {t('risks.map.hazardsWithoutArea', { count: map.data.hazardsWithoutArea })}
                </Typography.Paragraph>
              ) : null}
              {map.isPending ? (
                <Skeleton active />
              ) : sorted.length ? (
                <List
                  size="small"
                  dataSource={sorted}
                  renderItem={(a) => (
                    <List.Item
                      className="zhian-map-area-item"
                      data-testid={`map-area-item-${a.code}`}
                      onClick={() => (a.polygon ? setFocus({ areaId: a.id, seq: Date.now() }) : navigate(`/risk-points?areaId=${a.id}`))}
                    >
                      <Flex gap={8} align="center" style={{ minWidth: 0, flex: 1 }}>
                        <Swatch color={mapColor(a.color)} />
                        <Flex vertical style={{ minWidth: 0 }}>
                          <span className="zhian-map-area-name">{a.name}</span>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {t('risks.map.itemCounts', { points: a.riskPoints, hazards: a.openHazards.length })}
                          </Typography.Text>
                        </Flex>
                      </Flex>
                      {!a.polygon && <Tag>{t('risks.map.notDrawn')}</Tag>}
                    </List.Item>
                  )}
                />
              ) : (
                <Empty />
              )}
            </>
          )}
        </aside>
      </div>
    </Card>
  );
}

function isDetails(err: unknown): err is { details: { path: string; message: string }[] } {
  return !!err && typeof err === 'object' && Array.isArray((err as { details?: unknown }).details) && (err as { details: unknown[] }).details.length > 0;
}

function detailsOf(err: { details: { path: string; message: string }[] }): string {
  return err.details.map((d) => d.message).join('; ');
}
