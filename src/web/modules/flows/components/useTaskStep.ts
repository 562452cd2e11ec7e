/**
 * What every task action shares: the version the user started from (captured when the dialog
 * opens), sending the action and the answers — success, someone-else-was-first (409: told,
 * reloaded, closed), field errors (422 details onto the form's fields) and the rest as a message.
 */
import { useEffect, useState } from 'react';
import { App, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../../platform/api/client';
import { errorText } from '../../../ui/errors';
import { flowKeys, useTaskAction } from '../queries';
import type { FlowTask, TaskAction, TaskBodies } from '../types';

/** "body.outputs.photos.2" → "photos" (under `outputs`); "body.reason" → "reason". */
export function formFieldOf(path: string): string {
  const parts = path.split('.').filter(Boolean);
  if (parts[0] === 'body') parts.shift();
  if (parts[0] === 'outputs' && parts.length > 1) parts.shift();
  return parts[0] ?? '';
}

export function useTaskStep<A extends TaskAction>(task: FlowTask, action: A, opts: { open?: boolean; onClose?: () => void; form?: FormInstance; fields?: string[] } = {}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const mutation = useTaskAction(task, action);
  // a dialog keeps the version it was opened on; a one-click action sends the current one
  const [opened, setOpened] = useState(task.version);
  useEffect(() => {
    if (opts.open) setOpened(task.version);
  }, [opts.open]); // eslint-disable-line react-hooks/exhaustive-deps
  const version = opts.open === undefined ? task.version : opened;

  const run = async (body: Omit<TaskBodies[A], 'version'>, success: string): Promise<boolean> => {
    try {
      await mutation.mutateAsync({ ...body, version } as TaskBodies[A]);
      message.success(success);
      opts.onClose?.();
      return true;
    } catch (err) {
      if (isApiError(err) && err.status === 409) {
        message.warning(err.code === 'INVALID_STATE' ? t('flows.dialogs.invalidState') : t('flows.dialogs.conflict'));
        await qc.invalidateQueries({ queryKey: flowKeys.case(task.caseId) });
        void qc.invalidateQueries({ queryKey: flowKeys.tasks() });
        opts.onClose?.();
        return false;
      }
      const rest: string[] = [];
      const byField = new Map<string, string[]>();
      for (const d of isApiError(err) ? err.details : []) {
        const field = formFieldOf(d.path);
        if (opts.form && opts.fields?.includes(field)) byField.set(field, [...(byField.get(field) ?? []), d.message]);
        else rest.push(d.path ? `${d.path}: ${d.message}` : d.message);
      }
      if (opts.form && byField.size) {
        opts.form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
        opts.form.scrollToField([...byField.keys()][0], { block: 'center' });
      }
      message.error(rest.length ? `${errorText(err, t)}: ${rest.join('; ')}` : errorText(err, t));
      return false;
    }
  };

  return { run, pending: mutation.isPending };
}
