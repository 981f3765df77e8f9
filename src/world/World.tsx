import { useAppStore } from '../state/store';
import { DesktopRig } from '../desktop/DesktopRig';
import { TeleportArea } from '../xr/TeleportArea';
import { XRRig } from '../xr/XRRig';
import { ExhibitHighlight } from './ExhibitHighlight';
import { Hotspots } from './Hotspots';
import { ROOM_LIGHTS } from './lights';
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
      <hemisphereLight args={[ROOM_LIGHTS.hemisphere.sky, ROOM_LIGHTS.hemisphere.ground, ROOM_LIGHTS.hemisphere.intensity]} />
      <ambientLight intensity={ROOM_LIGHTS.ambient.intensity} />
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
