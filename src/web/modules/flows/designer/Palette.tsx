/** The step types to drag onto the canvas (or click to add in view). */
import type { DragEvent, ReactNode } from 'react';
import { CloseOutlined, PlusOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PaletteKind } from './model';

export const DRAG_TYPE = 'application/x-zhian-flow-step';

const ICONS: Record<PaletteKind, ReactNode> = {
  start: <span className="fd-pal-icon fd-pal-circle fd-pal-start" />,
  task: <span className="fd-pal-icon fd-pal-task" />,
  parallel: (
    <span className="fd-pal-icon fd-pal-diamond">
      <PlusOutlined />
    </span>
  ),
  exclusive: (
    <span className="fd-pal-icon fd-pal-diamond">
      <CloseOutlined />
    </span>
  ),
  end: <span className="fd-pal-icon fd-pal-circle fd-pal-end" />,
};

const KINDS: PaletteKind[] = ['start', 'task', 'parallel', 'exclusive', 'end'];

export function Palette({ onAdd }: { onAdd: (kind: PaletteKind) => void }) {
  const { t } = useTranslation();
  const onDragStart = (e: DragEvent, kind: PaletteKind) => {
    e.dataTransfer.setData(DRAG_TYPE, kind);
    e.dataTransfer.effectAllowed = 'move';
  };
  return (
    <div className="fd-palette" data-testid="designer-palette">
      <Typography.Text type="secondary" className="fd-palette-title">
        {t('flowDesigner.palette.title')}
      </Typography.Text>
      {KINDS.map((k) => (
        <Tooltip key={k} title={t(`flowDesigner.palette.hint.${k}`)} placement="bottom" mouseEnterDelay={0.4}>
          <div
            className="fd-palette-item"
            draggable
            role="button"
            tabIndex={0}
            onDragStart={(e) => onDragStart(e, k)}
            onClick={() => onAdd(k)}
            onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onAdd(k)}
            data-testid={`designer-palette-${k}`}
          >
            {ICONS[k]}
            <span>{t(`flowDesigner.kind.${k}`)}</span>
          </div>
        </Tooltip>
      ))}
      <Tooltip title={t('flowDesigner.palette.help')} placement="bottomRight">
        <Typography.Text type="secondary" className="fd-palette-help">
          <QuestionCircleOutlined /> {t('flowDesigner.palette.howTo')}
        </Typography.Text>
      </Tooltip>
    </div>
  );
}
