import { useShallow } from 'zustand/react/shallow';
import { narrationControls } from '../state/narration';
import { useAppStore } from '../state/store';
import { useT } from './i18n';

/** Who is studying, a button for the next member to take over, and records waiting to upload. */
export function VisitorBar() {
  const tr = useT();
  const { visitor, visitorName, pending, switchVisitor } = useAppStore(
    useShallow((s) => ({ visitor: s.visitor, visitorName: s.visitorName, pending: s.pendingRecords, switchVisitor: s.switchVisitor })),
  );
  return (
    <div className="visitor-bar">
      <span className="visitor" data-visitor={visitor}>{tr('memberLabel', { name: visitor === 'guest' ? tr('guest') : visitorName })}</span>
      <button
        data-action="switch-member"
        onClick={() => {
          narrationControls.stop();
          switchVisitor();
        }}
      >
        {tr('switchMember')}
      </button>
      {pending > 0 && (
        <span className="pending" data-pending={pending} title={tr('recordsWaiting')}>
          {tr('pendingRecords', { n: pending })}
        </span>
      )}
    </div>
  );
}
