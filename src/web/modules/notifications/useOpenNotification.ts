import { useNavigate } from 'react-router-dom';
import type { AppNotification } from '../../platform/api/types';
import { useMarkRead } from './queries';

/** Opening a notification marks it read and follows its in-app link, if any. */
export function useOpenNotification(after?: () => void) {
  const navigate = useNavigate();
  const markRead = useMarkRead();
  return (item: AppNotification) => {
    if (!item.readAt) markRead.mutate(item.id);
    after?.();
    const link = item.link ?? '';
    if (link.startsWith('/') && !link.startsWith('//')) {
      // Links may be written with the API prefix or as app paths.
      navigate(link.replace(/^\/api\/v1(?=\/)/, ''));
    }
  };
}
