/**
 * 现场二维码 (C20): a label per area and piece of equipment. Scanning opens the report form with the
 * area or equipment filled in (/hazards/new?areaId=… / ?equipmentId=…). Prints as A4 sheets.
 */
import { useMemo, useState } from 'react';
import { PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Segmented, Select, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { API_BASE } from '../../platform/api/client';
import { useMe } from '../../platform/auth/AuthProvider';
import { ErrorState } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { useAreas, useEquipment } from '../org/queries';
import './qr-print.css';

type Kind = 'all' | 'areas' | 'equipment';

interface Label {
  key: string;
  kind: 'area' | 'equipment';
  id: string;
  name: string;
  code: string;
  meta: string;
  areaId: string | null;
}

function QrLabel({ label, company }: { label: Label; company: string }) {
  const { t } = useTranslation();
  const src = `${API_BASE}/${label.kind === 'area' ? 'areas' : 'equipment'}/${label.id}/qr.svg`;
  return (
    <div className="zhian-qr-label" data-testid="qr-label" data-kind={label.kind} data-id={label.id}>
      <div className="zhian-qr-meta">{company}</div>
      <img src={src} alt={t('qrCodes.alt', { name: label.name })} />
      <div className="zhian-qr-name">{label.name}</div>
      <div className="zhian-qr-meta">{label.meta}</div>
      <div className="zhian-qr-hint">{t('qrCodes.scanHint')}</div>
    </div>
  );
}

export default function QrCodesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const areas = useAreas();
  const equipment = useEquipment(null);
  const [kind, setKind] = useState<Kind>('all');
  const [areaId, setAreaId] = useState<string | null>(null);
  usePageTitle(t('qrCodes.pageTitle'));

  const areaName = useMemo(() => new Map((areas.data ?? []).map((a) => [a.id, a.name])), [areas.data]);
  const labels = useMemo(() => {
    const out: { area: Label[]; equipment: Label[] } = { area: [], equipment: [] };
    for (const a of areas.data ?? []) {
      out.area.push({ key: `a-${a.id}`, kind: 'area', id: a.id, name: a.name, code: a.code, meta: `${t('qrCodes.area')} ${a.code}`, areaId: a.id });
    }
    for (const e of equipment.data ?? []) {
      out.equipment.push({
        key: `e-${e.id}`,
        kind: 'equipment',
        id: e.id,
        name: e.name,
        code: e.code,
        meta: [e.code, e.areaId ? areaName.get(e.areaId) : null].filter(Boolean).join(' · '),
        areaId: e.areaId,
      });
    }
    return out;
  }, [areas.data, equipment.data, areaName, t]);

  if (areas.isError) return <ErrorState error={areas.error} onRetry={() => void areas.refetch()} />;
  if (equipment.isError) return <ErrorState error={equipment.error} onRetry={() => void equipment.refetch()} />;

  const inArea = (l: Label) => !areaId || l.areaId === areaId;
  const groups = [
    kind !== 'equipment' ? { key: 'areas', title: t('qrCodes.areas'), items: labels.area.filter(inArea) } : null,
    kind !== 'areas' ? { key: 'equipment', title: t('qrCodes.equipment'), items: labels.equipment.filter(inArea) } : null,
  ].filter((g): g is { key: string; title: string; items: Label[] } => !!g && g.items.length > 0);
  const count = groups.reduce((n, g) => n + g.items.length, 0);

  return (
    <Card className="zhian-qr-page">
      <div className="zhian-qr-noprint">
        <Flex className="zhian-page-title" justify="space-between" align="center">
          <Typography.Title level={4}>{t('qrCodes.pageTitle')}</Typography.Title>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="qr-print">
            {t('qrCodes.print', { count })}
          </Button>
        </Flex>
        <Typography.Paragraph type="secondary">{t('qrCodes.intro')}</Typography.Paragraph>
        <Flex gap={12} wrap style={{ marginBottom: 8 }}>
          <Segmented
            value={kind}
            onChange={(v) => setKind(v as Kind)}
            options={[
              { value: 'all', label: t('common.all') },
              { value: 'areas', label: t('qrCodes.areas') },
              { value: 'equipment', label: t('qrCodes.equipment') },
            ]}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ minWidth: 220 }}
            placeholder={t('qrCodes.areaFilter')}
            value={areaId ?? undefined}
            onChange={(v) => setAreaId(v ?? null)}
            options={(areas.data ?? []).map((a) => ({ value: a.id, label: `${a.code} ${a.name}` }))}
          />
        </Flex>
      </div>
      {areas.isPending || equipment.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        groups.map((g) => (
          <section key={g.key} data-testid={`qr-group-${g.key}`}>
            <div className="zhian-qr-group">
              {g.title}（{g.items.length}）
            </div>
            <div className="zhian-qr-sheet">
              {g.items.map((l) => (
                <QrLabel key={l.key} label={l} company={me.tenant.name} />
              ))}
            </div>
          </section>
        ))
      )}
    </Card>
  );
}
