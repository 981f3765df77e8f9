import { hotspotPlacement } from '../content/panorama';
import { useAppStore } from '../state/store';
import { useRoom, useStation, useStations } from '../state/selectors';
import { useT } from '../ui/i18n';
import { Hotspot } from './Hotspot';
import { stationPlace } from './stationPlace';

/** Markers for every station of the current room: on the floor where to stand, or, in a panorama, over what each stop shows. */
export function Hotspots() {
  const stations = useStations();
  const current = useStation();
  const room = useRoom();
  const station = useAppStore((s) => s.progress?.station ?? 0);
  const goToStation = useAppStore((s) => s.goToStation);
  const tr = useT();
  if (!current || !room) return null;
  const panorama = room.type === 'panorama';
  let stopNumber = 0;
  return (
    <group name="hotspots">
      {stations.map((s, i) => {
        if (s.kind === 'stop') stopNumber += 1;
        if (s.room !== current.room) return null;
        const label = s.kind === 'stop' ? tr('stop', { n: stopNumber }) : tr('checkpoint');
        const place = stationPlace(s);
        const upright = panorama ? hotspotPlacement(place.lookAt) : null;
        return (
          <Hotspot
            key={i}
            index={i}
            kind={s.kind}
            position={upright?.position ?? place.position}
            facing={upright?.rotation}
            label={label}
            active={i === station}
            onSelect={goToStation}
          />
        );
      })}
    </group>
  );
}
