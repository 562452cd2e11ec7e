/**
 * What every loop dialog shares: the version the user started from (captured when the dialog
 * opens), sending the step, and the answers — success, someone-else-was-first (409: told, reloaded,
 * closed), field errors (422 details onto the form's fields) and the rest as a message.
 */
import { useEffect, useState } from 'react';
import { App, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../platform/api/client';
import { errorText, fieldOfPath } from '../../../../ui/errors';
import type { LoopBodies, LoopStep } from '../../api';
import { useHazardStep } from '../../queries';
import type { LoopHazard } from '../../types';

export interface StepDialogProps {
  hazard: LoopHazard;
  open: boolean;
  onClose: () => void;
  /** Reload the record (after a conflict). */
  onReload: () => Promise<unknown>;
}

interface Options {
  /** Form fields the server's details may point at; `aliases` maps API names to form names. */
  fields: string[];
  aliases?: Record<string, string>;
}

export function useStep<S extends LoopStep>(step: S, { hazard, open, onClose, onReload }: StepDialogProps, form: FormInstance, opts: Options) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const mutation = useHazardStep(hazard.id, step);
  const [version, setVersion] = useState(hazard.version);

  useEffect(() => {
    if (open) setVersion(hazard.version);
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps

  const run = async (body: Omit<LoopBodies[S], 'version'>, success: (h: LoopHazard) => string): Promise<void> => {
    try {
      const updated = await mutation.mutateAsync({ ...body, version } as LoopBodies[S]);
      message.success(success(updated));
      onClose();
    } catch (err) {
      if (isApiError(err) && err.status === 409) {
        message.warning(err.code === 'INVALID_STATE' ? t('hazards.loop.invalidState') : t('hazards.loop.conflict'));
        await onReload();
        onClose();
        return;
      }
      const rest: string[] = [];
      const byField = new Map<string, string[]>();
      for (const d of isApiError(err) ? err.details : []) {
        const api = fieldOfPath(d.path);
        const field = opts.aliases?.[api] ?? api;
        if (opts.fields.includes(field)) byField.set(field, [...(byField.get(field) ?? []), d.message]);
        else rest.push(d.path ? `${d.path}: ${d.message}` : d.message);
      }
      form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
      message.error(rest.length ? `${errorText(err, t)}: ${rest.join('; ')}` : errorText(err, t));
    }
  };

  return { run, pending: mutation.isPending };
}
