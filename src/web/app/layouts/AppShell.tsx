import { RealtimeProvider } from '../../platform/realtime/RealtimeProvider';
import { useIsPhone } from '../../ui/useIsPhone';
import { invalidateForEvent, recheckSession } from '../realtimeHandlers';
import { DesktopLayout } from './DesktopLayout';
import { PhoneLayout } from './PhoneLayout';
import { MeetingRinger } from '../../modules/comms/meetings/MeetingRinger';

/** The logged-in frame: one realtime connection, and the layout that fits the screen. */
export function AppShell() {
  const phone = useIsPhone();
  return (
    <RealtimeProvider onEvent={invalidateForEvent} onDisconnect={recheckSession}>
      {phone ? <PhoneLayout /> : <DesktopLayout />}
      {/* an invitation to a video meeting rings on every page */}
      <MeetingRinger />
    </RealtimeProvider>
  );
}
