import { useEffect, useRef } from 'react';
import { useAppStore } from '../state/store';
import { useRoom, useStation } from '../state/selectors';
import { lookAngles, placePlayer, player, walkPlayerTo } from '../state/player';
import { narrateStation } from '../state/narration';
import { EYE_HEIGHT } from '../desktop/DesktopRig';
import { floorPlan } from '../tour/walkable';
import { stationPlace } from './stationPlace';

/**
 * Moves the visitor when the station changes (a glide on desktop, a jump in VR or into a new
 * room) and starts that stop's narration. Renders nothing.
 */
export function StationDirector() {
  const station = useStation();
  const room = useRoom();
  const baseId = useAppStore((s) => s.scene?.id);
  const started = useAppStore((s) => s.started);
  const inXR = useAppStore((s) => s.inXR);
  const roomShown = useRef<string | null>(null);

  useEffect(() => {
    if (!station || !room) return;
    const { position, lookAt } = stationPlace(station);
    const target = lookAngles(position[0], EYE_HEIGHT, position[2], lookAt);
    if (roomShown.current !== room.id) {
      roomShown.current = room.id;
      player.plan = floorPlan(room);
      const spawn = room.spawn.position;
      const distance = Math.hypot(position[0] - spawn[0], position[2] - spawn[2]);
      if (!inXR && distance < 3) {
        placePlayer(spawn[0], spawn[2], room.spawn.yaw);
        walkPlayerTo(position[0], position[2], target.yaw, target.pitch);
      } else {
        // A new room: never glide from the last room's coordinates (through its walls).
        placePlayer(position[0], position[2], target.yaw, inXR ? 0 : target.pitch);
      }
      return;
    }
    if (inXR) placePlayer(position[0], position[2], target.yaw, 0);
    else walkPlayerTo(position[0], position[2], target.yaw, target.pitch);
    // Moving only follows a change of station or room, not of XR state.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [station, room]);

  useEffect(() => {
    if (baseId && started && station) narrateStation(baseId, station);
  }, [baseId, started, station]);

  return null;
}
