/**
 * Every panorama we render from our own 3D rooms, with the settings that reproduce it.
 * `npx tsx tools/panorama/render.ts` renders them all; `--only <name>` one.
 */
export interface Shot {
  /** Output file name in public/panoramas/, without extension. */
  name: string;
  /** GLB under public/, e.g. "models/yida-hall.glb". */
  model: string;
  /** Eye position in the model, metres. */
  eye: [number, number, number];
  /** Direction of the model shown at the photo's centre, degrees, + to the right (0 = −z). */
  yaw: number;
  /** The room's background colour (as its model room in scene.json had it). */
  background: string;
  /** Image width; the height is half of it. At most 4096. */
  width: number;
  /** JPEG quality, 0..1. */
  quality: number;
}

export const SHOTS: Shot[] = [
  {
    // 西柏坡 · 七届二中全会会址, from the middle aisle facing the front table (north).
    name: 'xibaipo-plenum-hall',
    model: 'models/xibaipo-plenum-hall.glb',
    eye: [0, 1.6, 2],
    yaw: 0,
    background: '#c8d5df',
    width: 4096,
    quality: 0.85,
  },
];
