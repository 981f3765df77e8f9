/**
 * The lights every room is drawn with (light is baked into the models; these only lift it).
 * Shared with tools/panorama, which renders a room into a photo exactly as the app shows it.
 */
export const ROOM_LIGHTS = {
  hemisphere: { sky: '#ffffff', ground: '#cfc6b8', intensity: 2.2 },
  ambient: { intensity: 0.9 },
} as const;
