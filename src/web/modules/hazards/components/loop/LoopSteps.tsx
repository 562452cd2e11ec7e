/**
 * The closed loop as a step bar: 上报 / 评估定级 / 整改派发 / 整改 / 验收 / 销号, with the time each
 * finished step was done (from the hazard's timeline) and the rejections so far.
 */
import { Steps, Typography, type StepsProps } from 'antd';
import { formatChina } from '../../../../platform/time';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../../../ui/useIsPhone';
import type { LoopHazard } from '../../types';

const STEPS = ['report', 'assess', 'dispatch', 'rectify', 'verify', 'close'] as const;
type Step = (typeof STEPS)[number];

/** The step being worked on in each status (closed: past the last one). */
const CURRENT: Record<LoopHazard['status'], number> = { reported: 1, assessed: 2, rectifying: 3, verifying: 4, closed: 6 };

/** Which timeline actions complete a step. */
const ACTIONS: Record<Step, string[]> = {
  report: [],
  assess: ['assess'],
  dispatch: ['dispatch'],
  rectify: ['submit'],
  verify: ['pass', 'reject'],
  close: ['pass'],
};

/** When a step was last done. */
function doneAt(h: LoopHazard, step: Step): string | null {
  if (step === 'report') return h.reportedAt;
  const hits = (h.timeline ?? []).filter((e) => ACTIONS[step].includes(e.action));
  const last = hits[hits.length - 1]?.at;
  if (last) return last;
  if (step === 'assess') return h.assessedAt ?? h.assessment?.at ?? null;
  if (step === 'dispatch') return h.rectification?.dispatchedAt ?? null;
  if (step === 'rectify') return h.rectification?.rectifiedAt ?? null;
  if (step === 'close' || step === 'verify') return h.closedAt;
  return null;
}

export function LoopSteps({ hazard }: { hazard: LoopHazard }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const current = CURRENT[hazard.status] ?? 0;
  const rejects = hazard.rectification?.rejectCount ?? 0;

  const items: StepsProps['items'] = STEPS.map((step, i) => {
    const at = i < current ? doneAt(hazard, step) : null;
    const rejectNote =
      rejects > 0 && step === 'verify' ? (
        <Typography.Text type="danger" style={{ fontSize: 12, whiteSpace: 'nowrap' }} data-testid="hazard-reject-count">
          {t('hazards.loop.rejected', { count: rejects })}
        </Typography.Text>
      ) : null;
    return {
      key: step,
      title: t(`hazards.loop.steps.${step}`),
      status: i < current ? 'finish' : i === current ? 'process' : 'wait',
      content: (
        <span data-testid={`hazard-step-${step}`} data-state={i < current ? 'finish' : i === current ? 'process' : 'wait'}>
          {at && (
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', whiteSpace: phone ? 'normal' : 'nowrap' }}>
              {phone ? (
                <>
                  {formatChina(at, 'MM-DD')}
                  <br />
                  {formatChina(at, 'HH:mm')}
                </>
              ) : (
                formatChina(at, 'MM-DD HH:mm')
              )}
            </Typography.Text>
          )}
          {rejectNote}
        </span>
      ),
    };
  });

  return (
    <div data-testid="hazard-steps" data-current={STEPS[current] ?? 'done'} style={{ overflowX: 'auto' }}>
      <Steps
        size="small"
        type={phone ? 'dot' : 'default'}
        titlePlacement={phone ? 'vertical' : 'horizontal'}
        current={Math.min(current, STEPS.length - 1)}
        status={current >= STEPS.length ? 'finish' : 'process'}
        responsive={false}
        styles={phone ? { itemTitle: { fontSize: 12, whiteSpace: 'nowrap' } } : undefined}
        items={items}
      />
    </div>
  );
}
