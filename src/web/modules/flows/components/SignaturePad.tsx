/**
 * 签名: draw with finger or mouse on a canvas; 确认签名 uploads it as a PNG to POST /files. The
 * form value is the stored file ({ id, url }); 重新签名 clears it.
 */
import { useEffect, useRef, useState } from 'react';
import { App, Button, Flex, Image, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { uploadFile } from '../../../platform/api/client';
import { errorText } from '../../../ui/errors';

export interface SignatureValue {
  id: string;
  url: string;
}

const HEIGHT = 160;

export function SignaturePad({ value, onChange, testId }: { value?: SignatureValue | null; onChange?: (v: SignatureValue | null) => void; testId?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const last = useRef<{ x: number; y: number } | null>(null);
  const [empty, setEmptyState] = useState(true);
  const emptyRef = useRef(true);
  const setEmpty = (v: boolean) => {
    emptyRef.current = v;
    setEmptyState(v);
  };
  const [uploading, setUploading] = useState(false);

  // The bitmap follows the pad's layout size (sharp on high-density screens). Measured with
  // offsetWidth: the dialog's opening animation scales the box, which getBoundingClientRect includes.
  const fit = (force = false) => {
    const c = canvas.current;
    if (!c) return;
    const ratio = window.devicePixelRatio || 1;
    const w = Math.round((c.offsetWidth || 320) * ratio);
    const h = Math.round(HEIGHT * ratio);
    if (!force && c.width === w && c.height === h) return;
    c.width = w;
    c.height = h;
    const ctx = c.getContext('2d')!;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, w, h);
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#111';
    setEmpty(true);
  };
  useEffect(() => {
    if (value) return;
    fit(true);
    const c = canvas.current;
    if (!c || typeof ResizeObserver === 'undefined') return;
    // shown later (a dialog rendered while closed) or resized: refit while nothing is drawn yet
    const observer = new ResizeObserver(() => {
      if (emptyRef.current) fit();
    });
    observer.observe(c);
    return () => observer.disconnect();
  }, [value]); // eslint-disable-line react-hooks/exhaustive-deps

  /** Pointer position in the pad's own (unscaled) coordinates. */
  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const c = e.currentTarget;
    const r = c.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * c.offsetWidth) / (r.width || 1), y: ((e.clientY - r.top) * HEIGHT) / (r.height || 1) };
  };
  const down = (e: React.PointerEvent<HTMLCanvasElement>) => {
    e.preventDefault();
    if (emptyRef.current) fit();
    e.currentTarget.setPointerCapture(e.pointerId);
    drawing.current = true;
    last.current = point(e);
    const ctx = e.currentTarget.getContext('2d')!;
    ctx.beginPath();
    ctx.arc(last.current.x, last.current.y, 1.2, 0, Math.PI * 2);
    ctx.fillStyle = '#111';
    ctx.fill();
    setEmpty(false);
  };
  const move = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current || !last.current) return;
    const p = point(e);
    const ctx = e.currentTarget.getContext('2d')!;
    ctx.beginPath();
    ctx.moveTo(last.current.x, last.current.y);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
    last.current = p;
  };
  const up = () => {
    drawing.current = false;
    last.current = null;
  };
  const clear = () => {
    const c = canvas.current;
    if (!c) return;
    const ctx = c.getContext('2d')!;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, c.width, c.height);
    ctx.restore();
    setEmpty(true);
  };
  const confirm = async () => {
    const c = canvas.current;
    if (!c || empty) return;
    setUploading(true);
    try {
      const blob = await new Promise<Blob>((resolve, reject) => c.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas'))), 'image/png'));
      const stored = await uploadFile(blob, 'signature.png');
      onChange?.({ id: stored.id, url: stored.url });
    } catch (err) {
      message.error(t('flows.form.signatureFailed', { reason: errorText(err, t) }));
    } finally {
      setUploading(false);
    }
  };

  if (value) {
    return (
      <Flex align="center" gap={12} wrap data-testid={testId} data-signed="true">
        <Image src={value.url} height={72} style={{ background: '#fff', border: '1px solid #d9d9d9', borderRadius: 6 }} alt="" />
        <Button size="small" onClick={() => onChange?.(null)}>
          {t('flows.form.signatureRedo')}
        </Button>
      </Flex>
    );
  }
  return (
    <div data-testid={testId} data-signed="false">
      <canvas
        ref={canvas}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
        onPointerLeave={up}
        style={{ width: '100%', height: HEIGHT, border: '1px dashed #bfbfbf', borderRadius: 6, touchAction: 'none', background: '#fff', display: 'block', cursor: 'crosshair' }}
        aria-label={t('flows.form.signatureHint')}
        data-testid={testId ? `${testId}-canvas` : undefined}
      />
      <Flex justify="space-between" align="center" style={{ marginTop: 6 }} gap={8}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('flows.form.signatureHint')}
        </Typography.Text>
        <Flex gap={8}>
          <Button size="small" onClick={clear} disabled={empty || uploading}>
            {t('flows.form.signatureClear')}
          </Button>
          <Button size="small" type="primary" onClick={() => void confirm()} disabled={empty} loading={uploading} data-testid={testId ? `${testId}-confirm` : undefined}>
            {t('flows.form.signatureConfirm')}
          </Button>
        </Flex>
      </Flex>
    </div>
  );
}
