import { RealtimeProvider } from '../../platform/realtime/RealtimeProvider';
import { useIsPhone } from '../../ui/useIsPhone';
import { invalidateForEvent, recheckSession } from '../realtimeHandlers';
import { DesktopLayout } from './DesktopLayout';
import { PhoneLayout } from './PhoneLayout';

/** The logged-in frame: one realtime connection, and the layout that fits the screen. */
export function AppShell() {
  const phone = useIsPhone();
  return (
    <RealtimeProvider onEvent={invalidateForEvent} onDisconnect={recheckSession}>
      {phone ? <PhoneLayout /> : <DesktopLayout />}
    </RealtimeProvider>
  );
}
