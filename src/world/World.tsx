import { useAppStore } from '../state/store';
import { DesktopRig } from '../desktop/DesktopRig';
import { TeleportArea } from '../xr/TeleportArea';
import { XRRig } from '../xr/XRRig';
import { ExhibitHighlight } from './ExhibitHighlight';
import { Hotspots } from './Hotspots';
import { QuizPanel } from './QuizPanel';
import { RoomView } from './RoomView';
import { StationDirector } from './StationDirector';
import { VRControls } from './VRControls';
import { VRSubtitles } from './VRSubtitles';

/** Everything in the 3D world of an open tour. Light is baked into the models; these lights only lift it. */
export function World() {
  const inXR = useAppStore((s) => s.inXR);
  return (
    <>
      <hemisphereLight args={['#ffffff', '#cfc6b8', 2.2]} />
      <ambientLight intensity={0.9} />
      <TeleportArea>
        <RoomView />
      </TeleportArea>
      <Hotspots />
      <ExhibitHighlight />
      <QuizPanel />
      <StationDirector />
      <XRRig />
      {!inXR && <DesktopRig />}
      <VRSubtitles />
      <VRControls />
    </>
  );
}
