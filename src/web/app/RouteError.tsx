import { CloseCircleFilled } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router-dom';
import { StateMessage } from '../ui/States';

/**
 * Render errors and failed chunk loads (e.g. a page chunk gone after a new release) end here;
 * reloading fetches the current build.
 */
export function RouteError() {
  const error = useRouteError();
  const { t } = useTranslation();
  const detail = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : error instanceof Error ? error.message : '';
  return (
    <StateMessage
      testId="route-error"
      icon={<CloseCircleFilled style={{ color: '#ff4d4f' }} />}
      title={t('common.unexpected')}
      detail={detail}
      actions={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('common.reload')}
        </Button>
      }
    />
  );
}
