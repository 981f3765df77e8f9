/**
 * Turns a model room of a scene into a panorama room shown from a photo rendered of it
 * (tools/panorama/shots.ts): every stop's `lookAt`, the checkpoint's panel and every exhibit's box
 * become directions from the shot's eye; titles, narration, sources, questions and ids stay as they are.
 *
 * Usage: npx tsx tools/panorama/convert.ts <scene.json> <room-id> --shot <name> [--write]
 *   prints the new room's JSON; --write puts it into the scene file in place of the model room.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatError, loadScene } from '../../src/content/loader';
import { directionTo, directionVector, type Direction } from '../../src/content/panorama';
import type { Vec3 } from '../../src/content/schema';
import { SHOTS, type Shot } from './shots';

type Json = Record<string, unknown>;

const round1 = (n: number) => Math.round(n * 10) / 10 || 0;

/** (−180, 180]. */
function wrap(deg: number): number {
  const w = ((((deg + 180) % 360) + 360) % 360) - 180;
  return w === -180 ? 180 : w;
}

/** The direction of `point` from the shot's eye, relative to the photo's centre, rounded to 0.1°. */
export function photoDirection(shot: Pick<Shot, 'eye' | 'yaw'>, point: Vec3): Direction {
  const d = directionTo(shot.eye, point);
  return { yaw: round1(wrap(d.yaw - shot.yaw)), pitch: round1(d.pitch) };
}

/**
 * How wide and high (degrees) a box looks from the eye, as a flat frame facing the eye (the way
 * the highlight is drawn), capped at the schema's 120° × 90°.
 */
export function angularSize(shot: Pick<Shot, 'eye' | 'yaw'>, center: Vec3, size: Vec3): [number, number] {
  const c = directionTo(shot.eye, center);
  const f = directionVector(c);
  const yaw = (c.yaw * Math.PI) / 180;
  const r: Vec3 = [Math.cos(yaw), 0, Math.sin(yaw)];
  const u: Vec3 = [r[1] * f[2] - r[2] * f[1], r[2] * f[0] - r[0] * f[2], r[0] * f[1] - r[1] * f[0]];
  const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  let w = 0;
  let h = 0;
  for (const sx of [-1, 1])
    for (const sy of [-1, 1])
      for (const sz of [-1, 1]) {
        const p: Vec3 = [center[0] + (sx * size[0]) / 2 - shot.eye[0], center[1] + (sy * size[1]) / 2 - shot.eye[1], center[2] + (sz * size[2]) / 2 - shot.eye[2]];
        const depth = dot(p, f);
        if (depth <= 0.01) return [120, 90]; // the eye is inside the box or beside it
        w = Math.max(w, Math.abs(Math.atan2(dot(p, r), depth)));
        h = Math.max(h, Math.abs(Math.atan2(dot(p, u), depth)));
      }
  const deg = (a: number) => round1((2 * a * 180) / Math.PI);
  return [Math.max(0.1, Math.min(120, deg(w))), Math.max(0.1, Math.min(90, deg(h)))];
}

/** The panorama room (as scene JSON) for a model room (as scene JSON) rendered by `shot`. */
export function panoramaRoomFrom(room: Json, shot: Shot): Json {
  if (room.type !== 'model') throw new Error(`room "${String(room.id)}" is not a model room`);
  const stops = (room.stops as Json[]).map((s) => {
    const { position: _p, lookAt, ...rest } = s;
    const { id, title, exhibit, ...more } = rest;
    return { id, title, direction: photoDirection(shot, lookAt as Vec3), ...(exhibit ? { exhibit } : {}), ...more };
  });
  const cp = room.checkpoint as Json | undefined;
  let checkpoint: Json | undefined;
  if (cp) {
    const { position: _p, panel, id, title, ...rest } = cp;
    const d = photoDirection(shot, panel as Vec3);
    checkpoint = { id, title, direction: { yaw: d.yaw, pitch: Math.max(-30, Math.min(30, d.pitch)) }, ...rest };
  }
  const exhibits = ((room.exhibits as Json[] | undefined) ?? []).map((e) => ({
    id: e.id,
    title: e.title,
    direction: photoDirection(shot, e.center as Vec3),
    angularSize: angularSize(shot, e.center as Vec3, e.size as Vec3),
  }));
  return {
    id: room.id,
    type: 'panorama',
    title: room.title,
    image: `panoramas/${shot.name}.jpg`,
    ...(exhibits.length ? { exhibits } : {}),
    stops,
    ...(checkpoint ? { checkpoint } : {}),
  };
}

/** JSON in the scenes' style: 2-space indent, short objects and arrays on one line. `lead` is what precedes the value on its line. */
export function formatJson(value: unknown, indent = 0, lead = 0, width = 110): string {
  const flat = (v: unknown): string =>
    Array.isArray(v)
      ? `[${v.map(flat).join(', ')}]`
      : v && typeof v === 'object'
        ? Object.keys(v).length
          ? `{ ${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${flat(x)}`).join(', ')} }`
          : '{}'
        : JSON.stringify(v);
  const one = flat(value);
  const objectsInside = Array.isArray(value) && value.some((x) => x && typeof x === 'object' && !Array.isArray(x));
  if (!value || typeof value !== 'object' || (!objectsInside && indent + lead + one.length <= width)) return one;
  const pad = ' '.repeat(indent + 2);
  const items = Array.isArray(value)
    ? value.map((x) => pad + formatJson(x, indent + 2, 0, width))
    : Object.entries(value).map(([k, x]) => `${pad}${JSON.stringify(k)}: ${formatJson(x, indent + 2, JSON.stringify(k).length + 2, width)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return `${open}\n${items.join(',\n')}\n${' '.repeat(indent)}${close}`;
}

/**
 * Where the value at `path` (keys and indices) lies in JSON `text`: [start, end) offsets.
 * Lets --write replace one room and leave the rest of a hand-formatted file as it was.
 */
export function valueSpan(text: string, path: readonly (string | number)[]): [number, number] {
  let i = 0;
  const ws = () => {
    while (/\s/.test(text[i] ?? '')) i++;
  };
  const string = () => {
    const start = i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  // Skips one value; when `want` is given, returns the span of the value at that sub-path.
  const value = (want: readonly (string | number)[]): [number, number] | null => {
    ws();
    const start = i;
    if (want.length === 0) {
      value([0.5]); // skip it (no key or index matches 0.5)
      return [start, i];
    }
    let found: [number, number] | null = null;
    if (text[i] === '{') {
      i++;
      ws();
      while (text[i] !== '}') {
        ws();
        const key = string();
        ws();
        i++; // :
        const got = value(key === want[0] ? want.slice(1) : [0.5]);
        if (key === want[0]) found = got;
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      i++;
    } else if (text[i] === '[') {
      i++;
      ws();
      for (let k = 0; text[i] !== ']'; k++) {
        const got = value(k === want[0] ? want.slice(1) : [0.5]);
        if (k === want[0]) found = got;
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      i++;
    } else if (text[i] === '"') string();
    else while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i++;
    return found;
  };
  const span = value(path);
  if (!span) throw new Error(`no value at ${path.join('.')}`);
  return span;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const args = process.argv.slice(2);
  const write = args.includes('--write');
  const shotAt = args.indexOf('--shot');
  const shotName = shotAt >= 0 ? args[shotAt + 1] : undefined;
  const [file, roomId] = args.filter((a, i) => !a.startsWith('--') && i !== shotAt + 1);
  const shot = SHOTS.find((s) => s.name === shotName);
  if (!file || !roomId || !shot) {
    console.error('usage: npx tsx tools/panorama/convert.ts <scene.json> <room-id> --shot <name in tools/panorama/shots.ts> [--write]');
    process.exit(2);
  }
  const scene = JSON.parse(readFileSync(file, 'utf8')) as Json & { rooms: Json[] };
  const at = scene.rooms.findIndex((r) => r.id === roomId);
  if (at < 0) {
    console.error(`${file}: no room "${roomId}"`);
    process.exit(1);
  }
  const room = panoramaRoomFrom(scene.rooms[at]!, shot);
  scene.rooms[at] = room;
  if (write) {
    const text = readFileSync(file, 'utf8');
    const [start, end] = valueSpan(text, ['rooms', at]);
    const indent = start - text.lastIndexOf('\n', start) - 1;
    writeFileSync(file, text.slice(0, start) + formatJson(room, indent) + text.slice(end));
    console.log(`${file}: room "${roomId}" is now a panorama of ${room.image as string}`);
  } else console.log(formatJson(room));
  // e.g. two stops that looked at nearly the same point now have overlapping hotspots: say so.
  const check = loadScene(file, JSON.stringify(scene));
  if (!check.ok) {
    console.error(`to fix before the scene validates:\n${check.errors.map(formatError).join('\n')}`);
    process.exitCode = 1;
  }
}
