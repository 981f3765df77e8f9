import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../state/store';
import { useT } from '../ui/i18n';
import type { MessageKey } from '../ui/messages';

/** The socket's state and the server's last refusal, when there is something to say. */
export function RoomStatus() {
  const tr = useT();
  const { status, error } = useAppStore(useShallow((s) => ({ status: s.roomStatus, error: s.roomError })));
  return (
    <>
      {status !== 'open' && <p className="room-status hint">{tr(status === 'connecting' ? 'scConnecting' : 'scOffline')}</p>}
      {error && (
        <p className="room-error hint error" role="alert" data-error={error}>
          {tr('scError', { reason: tr(`scErr_${error.replace(/-/g, '_')}` as MessageKey) })}
        </p>
      )}
    </>
  );
}
