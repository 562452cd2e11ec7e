/**
 * What every write on a warning shares: send with the version the user saw; on 409 (someone else
 * was first, or the state moved on) say so plainly, reload the warning and close the dialog; field
 * errors go onto the form, the rest into a message.
 */
import { App, type FormInstance } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../platform/api/client';
import { applyFieldErrors, errorText } from '../../../ui/errors';
import { warningKeys } from '../queries';

export function useWarningStep(warningId: string) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  return async function run<T>(send: () => Promise<T>, success: string, opts: { form?: FormInstance; onClose?: () => void } = {}): Promise<boolean> {
    try {
      await send();
      message.success(success);
      opts.onClose?.();
      return true;
    } catch (err) {
      if (isApiError(err) && err.status === 409) {
        message.warning(err.code === 'VERSION_CONFLICT' ? t('warnings.response.conflict') : errorText(err, t));
        await qc.invalidateQueries({ queryKey: warningKeys.detail(warningId) });
        void qc.invalidateQueries({ queryKey: warningKeys.lists() });
        opts.onClose?.();
        return false;
      }
      const rest = opts.form ? applyFieldErrors(opts.form, err) : isApiError(err) ? err.details.map((d) => `${d.path}: ${d.message}`) : [];
      message.error(rest.length ? `${errorText(err, t)}: ${rest.join('; ')}` : errorText(err, t));
      return false;
    }
  };
}
