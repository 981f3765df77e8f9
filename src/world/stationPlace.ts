/** Where a station puts the visitor and what they face there. Pure; shared by desktop and VR. */
import type { Vec3 } from '../content/schema';
import type { Station } from '../tour/progress';

export interface StationPlace {
  position: Vec3;
  lookAt: Vec3;
}

/** A stop: its standing spot and exhibit; a checkpoint: its standing spot facing its quiz panel. */
export function stationPlace(station: Station): StationPlace {
  return station.kind === 'stop'
    ? { position: station.stop.position, lookAt: station.stop.lookAt }
    : { position: station.checkpoint.position, lookAt: station.checkpoint.panel };
}
