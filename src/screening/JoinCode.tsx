import { useT } from '../ui/i18n';
import type { PresenterView } from './protocol';

/** The phones' QR code (made by our server, offline) and address; small in a corner during stops. */
export function JoinCode({ view, small = false }: { view: PresenterView; small?: boolean }) {
  const tr = useT();
  return (
    <aside className={`join-code${small ? ' small' : ''}`}>
      <img src={`/api/screening/rooms/${view.code}/qr.svg`} alt={tr('scJoinHint')} width={small ? 120 : 260} height={small ? 120 : 260} />
      <span className="join-hint">{tr('scJoinHint')}</span>
      <span className="join-url">{view.joinUrl}</span>
    </aside>
  );
}
