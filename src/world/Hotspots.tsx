import { useAppStore } from '../state/store';
import { useStation, useStations } from '../state/selectors';
import { useT } from '../ui/i18n';
import { Hotspot } from './Hotspot';
import { stationPlace } from './stationPlace';

/** Markers for every station of the current room. */
export function Hotspots() {
  const stations = useStations();
  const current = useStation();
  const station = useAppStore((s) => s.progress?.station ?? 0);
  const goToStation = useAppStore((s) => s.goToStation);
  const tr = useT();
  if (!current) return null;
  let stopNumber = 0;
  return (
    <group name="hotspots">
      {stations.map((s, i) => {
        if (s.kind === 'stop') stopNumber += 1;
        if (s.room !== current.room) return null;
        const label = s.kind === 'stop' ? tr('stop', { n: stopNumber }) : tr('checkpoint');
        return (
          <Hotspot
            key={i}
            index={i}
            kind={s.kind}
            position={stationPlace(s).position}
            label={label}
            active={i === station}
            onSelect={goToStation}
          />
        );
      })}
    </group>
  );
}
