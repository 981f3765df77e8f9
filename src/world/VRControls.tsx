import { useShallow } from 'zustand/react/shallow';
import { narrationControls } from '../state/narration';
import { isRunning } from '../audio/player';
import { useAppStore } from '../state/store';
import { useStation, useStations } from '../state/selectors';
import { canGoTo } from '../tour/progress';
import { useT } from '../ui/i18n';
import { Label } from './Label';
import { PanelButton } from './PanelButton';
import { stationPlace } from './stationPlace';
import { recenter } from '../xr/rig';

/**
 * In VR the DOM is not drawn, so the stop's controls float at waist height beside the visitor:
 * pause/play, replay, next stop, and seated/standing. Pointed at with a ray or pinched.
 */
export function VRControls() {
  const tr = useT();
  const station = useStation();
  const stations = useStations();
  const { inXR, state, index, nextOpen, seated, nextStation, setSeated } = useAppStore(
    useShallow((s) => ({
      inXR: s.inXR,
      state: s.narrationState,
      index: s.progress?.station ?? 0,
      nextOpen: !!s.scene && !!s.progress && canGoTo(s.scene, s.progress, s.progress.station + 1),
      seated: s.seated,
      nextStation: s.nextStation,
      setSeated: s.setSeated,
    })),
  );
  if (!inXR || station?.kind !== 'stop') return null;
  const { position, lookAt } = stationPlace(station);
  const yaw = Math.atan2(position[0] - lookAt[0], position[2] - lookAt[2]);
  // 0.75 m ahead of the visitor and 0.45 m to the right, facing back at them.
  const ahead = 0.75;
  const right = 0.45;
  const x = position[0] - Math.sin(yaw) * ahead + Math.cos(yaw) * right;
  const z = position[2] - Math.cos(yaw) * ahead - Math.sin(yaw) * right;
  const nextIsCheckpoint = stations[index + 1]?.kind === 'checkpoint';
  return (
    <group name="vr-controls" position={[x, 1.0, z]} rotation={[-0.5, yaw, 0, 'YXZ']}>
      <mesh position-z={-0.005}>
        <planeGeometry args={[0.62, 0.4]} />
        <meshBasicMaterial color="#3b2a20" transparent opacity={0.85} />
      </mesh>
      <Label position={[0, 0.15, 0]} fontSize={0.035} color="#ffe08a">
        {tr('stop', { n: stations.slice(0, index + 1).filter((s) => s.kind === 'stop').length })}
      </Label>
      <PanelButton name="vr-toggle" label={isRunning(state) ? tr('pause') : tr('play')} position={[-0.15, 0.06, 0]} width={0.27} height={0.08} fontSize={0.035} onSelect={narrationControls.toggle} />
      <PanelButton name="vr-replay" label={tr('replay')} position={[0.15, 0.06, 0]} width={0.27} height={0.08} fontSize={0.035} onSelect={narrationControls.replay} />
      <PanelButton
        name="vr-next"
        label={nextOpen ? tr(nextIsCheckpoint ? 'goToCheckpoint' : 'next') : tr('locked')}
        position={[0, -0.05, 0]}
        width={0.57}
        height={0.08}
        fontSize={0.035}
        color={state === 'ended' ? '#c8102e' : '#efe6d2'}
        textColor={state === 'ended' ? '#ffffff' : '#1f1a17'}
        disabled={!nextOpen}
        onSelect={nextStation}
      />
      <PanelButton name="vr-seated" label={seated ? tr('standing') : tr('seated')} position={[-0.15, -0.15, 0]} width={0.27} height={0.07} fontSize={0.03} onSelect={() => setSeated(!seated)} />
      <PanelButton name="vr-recenter" label={tr('recenter')} position={[0.15, -0.15, 0]} width={0.27} height={0.07} fontSize={0.03} onSelect={recenter} />
    </group>
  );
}
