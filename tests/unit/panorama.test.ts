/**
 * Panorama rooms without a browser: the direction maths (authors' yaw/pitch ↔ world ↔ photo
 * pixels), the scene format (valid rooms, and broken ones named by file, JSON path and reason),
 * the photo checks of `npm run validate`, the sphere the photo is drawn on, and the tools that
 * render and convert rooms.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Euler, Vector3 } from 'three';
import { afterAll, describe, expect, it } from 'vitest';
import { formatError, loadScene } from '../../src/content/loader';
import {
  angleBetween,
  directionTo,
  directionToPixel,
  directionVector,
  facingEye,
  fittedSize,
  hotspotPlacement,
  HOTSPOT_DISTANCE,
  HIGHLIGHT_DISTANCE,
  PANEL_DISTANCE,
  PANORAMA_EYE,
  pixelToDirection,
  pointInDirection,
  spanAt,
  textureBytes,
  type Direction,
} from '../../src/content/panorama';
import type { PanoramaRoom, Vec3 } from '../../src/content/schema';
import { turnDirection } from '../../src/desktop/keymap';
import { lookAngles } from '../../src/state/player';
import { stations } from '../../src/tour/progress';
import { floorPlan, slide } from '../../src/tour/walkable';
import { highlightPlacement } from '../../src/world/highlightPlacement';
import { panoramaSphere } from '../../src/world/panoramaSphere';
import { stationPlace } from '../../src/world/stationPlace';
import { checkPanoramaPhotos, imageInfo, photoProblems } from '../../tools/panorama/check';
import { angularSize, formatJson, panoramaRoomFrom, photoDirection } from '../../tools/panorama/convert';
import { jpegComment, provenance, withJpegComment } from '../../tools/panorama/render';
import { SHOTS, type Shot } from '../../tools/panorama/shots';
import { loadAllScenes, ROOT } from '../../tools/scenes';

const FILE = 'scenes/jiandang/scene.json';
const jiandang = () => JSON.parse(readFileSync(join(ROOT, FILE), 'utf8')) as Record<string, any>;
const SHOT: Shot = { name: 'test-hall', model: 'models/yida-hall.glb', eye: [0, 1.6, 2.9], yaw: 0, background: '#c9d6df', width: 4096, quality: 0.85 };

/** The first base with its first room turned into a panorama (as tools/panorama/convert.ts does), hotspots spread apart. */
function withPanorama(): Record<string, any> {
  const data = jiandang();
  const room = panoramaRoomFrom(data.rooms[0], SHOT) as Record<string, any>;
  room.stops[1].direction = { yaw: 40, pitch: -15 };
  room.stops[2].direction = { yaw: -35, pitch: -20 };
  data.rooms[0] = room;
  return data;
}

function load(data: unknown) {
  return loadScene(FILE, JSON.stringify(data));
}

function errorLines(data: unknown): string[] {
  const r = load(data);
  if (r.ok) throw new Error('expected the scene to be rejected');
  return r.errors.map(formatError);
}

const close = (a: readonly number[], b: readonly number[], digits = 9) => a.forEach((x, i) => expect(x).toBeCloseTo(b[i]!, digits));

describe('panorama directions', () => {
  it('maps yaw and pitch to world axes: 0 ahead (−z), + right (+x), pitch up (+y)', () => {
    close(directionVector({ yaw: 0, pitch: 0 }), [0, 0, -1]);
    close(directionVector({ yaw: 90, pitch: 0 }), [1, 0, 0]);
    close(directionVector({ yaw: -90, pitch: 0 }), [-1, 0, 0]);
    close(directionVector({ yaw: 180, pitch: 0 }), [0, 0, 1]);
    close(directionVector({ yaw: 37, pitch: 90 }), [0, 1, 0]);
    close(directionVector({ yaw: 0, pitch: -45 }), [0, -Math.SQRT1_2, -Math.SQRT1_2]);
  });

  it('finds the direction to a point again (directionTo inverts pointInDirection)', () => {
    for (const d of [
      { yaw: 0, pitch: 0 },
      { yaw: 123.4, pitch: -20 },
      { yaw: -170, pitch: 60 },
      { yaw: 180, pitch: 5 },
    ]) {
      const back = directionTo(PANORAMA_EYE, pointInDirection(d, 7.5));
      expect(back.yaw).toBeCloseTo(d.yaw, 9);
      expect(back.pitch).toBeCloseTo(d.pitch, 9);
    }
    expect(directionTo([0, 0, 0], [0, 0, 5]).yaw).toBe(180); // never −180
  });

  it('turns the visitor the way the world code does: player yaw = −yaw, pitch = pitch (radians)', () => {
    const d = { yaw: 65, pitch: -12 };
    const a = lookAngles(0, PANORAMA_EYE[1], 0, pointInDirection(d, 3));
    expect(a.yaw).toBeCloseTo((-65 * Math.PI) / 180, 9);
    expect(a.pitch).toBeCloseTo((-12 * Math.PI) / 180, 9);
  });

  it('maps photo pixels to directions and back: centre column yaw 0, right edge +180, top row up', () => {
    expect(pixelToDirection(2048, 1024, 4096, 2048)).toEqual({ yaw: 0, pitch: 0 });
    expect(pixelToDirection(3072, 0, 4096, 2048)).toEqual({ yaw: 90, pitch: 90 });
    expect(pixelToDirection(0, 2048, 4096, 2048)).toEqual({ yaw: -180, pitch: -90 });
    close(directionToPixel({ yaw: -90, pitch: 45 }, 4096, 2048), [1024, 512]);
    close(directionToPixel({ yaw: 180, pitch: 0 }, 4096, 2048), [0, 1024]);
    for (const [x, y] of [
      [17, 1900],
      [4000, 3],
      [2222, 1024],
    ] as const)
      close(directionToPixel(pixelToDirection(x, y, 4096, 2048), 4096, 2048), [x, y]);
  });

  it('turns flat things (hotspots, highlight frames) to face the eye', () => {
    for (const d of [
      { yaw: 0, pitch: 0 },
      { yaw: 90, pitch: 0 },
      { yaw: -135, pitch: 30 },
      { yaw: 20, pitch: -50 },
    ]) {
      const [x, y, z, order] = facingEye(d);
      const normal = new Vector3(0, 0, 1).applyEuler(new Euler(x, y, z, order));
      close(normal.toArray(), directionVector(d).map((v) => -v), 9);
      // and stays upright: its local x axis is level
      expect(new Vector3(1, 0, 0).applyEuler(new Euler(x, y, z, order)).y).toBeCloseTo(0, 9);
    }
  });

  it('places hotspots 4 m out in the direction of what a station looks at', () => {
    const d = { yaw: -50, pitch: 10 };
    const h = hotspotPlacement(pointInDirection(d, 3));
    close(h.position, pointInDirection(d, HOTSPOT_DISTANCE));
    expect(h.rotation).toEqual(facingEye(directionTo(PANORAMA_EYE, pointInDirection(d, 3))));
  });

  it('measures angles and spans', () => {
    expect(angleBetween({ yaw: 10, pitch: 0 }, { yaw: -10, pitch: 0 })).toBeCloseTo(20, 9);
    expect(angleBetween({ yaw: 179, pitch: 0 }, { yaw: -179, pitch: 0 })).toBeCloseTo(2, 9);
    expect(angleBetween({ yaw: 0, pitch: 90 }, { yaw: 120, pitch: 90 })).toBeCloseTo(0, 5);
    close(spanAt([90, 60], 2), [4, 4 * Math.tan(Math.PI / 6)]);
  });

  it('keeps a photo within 64 MB of texture memory: at most 4096×2048, 32 MiB without mipmaps', () => {
    expect(textureBytes(4096, 2048)).toBe(32 * 1024 * 1024);
    expect(textureBytes(4096, 2048, true)).toBeGreaterThan(42 * 1024 * 1024); // what mipmaps would add
    expect(textureBytes(4, 2, true)).toBe((8 + 2 + 1) * 4);
    expect(fittedSize(8192, 4096)).toEqual({ width: 4096, height: 2048 });
    expect(fittedSize(6000, 3000)).toEqual({ width: 4096, height: 2048 });
    expect(fittedSize(2048, 1024)).toEqual({ width: 2048, height: 1024 });
    expect(fittedSize(5000, 1000)).toEqual({ width: 4096, height: 819 });
  });
});

describe('the panorama sphere', () => {
  const s = panoramaSphere(10, 16, 8);
  const v = (i: number) => new Vector3(s.positions[i * 3], s.positions[i * 3 + 1], s.positions[i * 3 + 2]);

  it('puts every texture coordinate in the direction authors give for that pixel', () => {
    for (let i = 0; i < s.uvs.length / 2; i++) {
      const d = pixelToDirection(s.uvs[i * 2]!, s.uvs[i * 2 + 1]!, 1, 1);
      close(v(i).toArray(), directionVector(d).map((x) => x * 10), 4);
    }
  });

  it('has its triangles facing the centre and none degenerate at the poles', () => {
    expect(s.indices.length / 3).toBe(16 * (2 * 8 - 2));
    for (let t = 0; t < s.indices.length; t += 3) {
      const [a, b, c] = [v(s.indices[t]!), v(s.indices[t + 1]!), v(s.indices[t + 2]!)];
      const normal = new Vector3().crossVectors(b.clone().sub(a), c.clone().sub(a));
      expect(normal.length()).toBeGreaterThan(1e-6);
      const centroid = a.add(b).add(c);
      expect(normal.dot(centroid)).toBeLessThan(0);
    }
  });
});

describe('panorama rooms in the scene format', () => {
  it('loads a panorama room: stops stand at the centre and look in their direction; the quiz panel floats in its direction', () => {
    const r = load(withPanorama());
    expect(r.ok ? [] : r.errors.map(formatError)).toEqual([]);
    if (!r.ok) return;
    const room = r.scene.rooms[0] as PanoramaRoom;
    expect(room.type).toBe('panorama');
    expect(room.image).toBe('panoramas/test-hall.jpg');
    expect(room.spawn).toEqual({ position: [0, 0, 0], yaw: -0 });
    expect(floorPlan(room)).toEqual({ walkable: [], obstacles: [] });
    // no walking: a step goes nowhere
    expect(slide(floorPlan(room), 0, 0, 0.3, 0)).toEqual([0, 0]);
    const stop = room.stops[1]!;
    expect(stop.position).toEqual([0, 0, 0]);
    const d = directionTo(PANORAMA_EYE, stop.lookAt);
    expect(d.yaw).toBeCloseTo(40, 9);
    expect(d.pitch).toBeCloseTo(-15, 9);
    const cp = room.checkpoint!;
    expect(cp.position).toEqual([0, 0, 0]);
    expect(Math.hypot(cp.panel[0], cp.panel[2])).toBeCloseTo(PANEL_DISTANCE, 9);
    expect(directionTo([0, 0, 0], [cp.panel[0], 0, cp.panel[2]]).yaw).toBeCloseTo(cp.direction.yaw, 9);
    // the tour sees the same stations as before, with their narration, sources and questions
    const before = load(jiandang());
    if (!before.ok) throw new Error('jiandang invalid');
    const ids = (s: typeof r.scene) => stations(s).map((x) => (x.kind === 'stop' ? [x.stop.id, x.stop.narration, x.stop.sources] : [x.checkpoint.id, x.checkpoint.questions]));
    expect(ids(r.scene)).toEqual(ids(before.scene));
    // stationPlace (desktop glide, VR jump, recenter, VR controls) reads the derived places
    const place = stationPlace(stations(r.scene)[1]!);
    expect(place).toEqual({ position: [0, 0, 0], lookAt: stop.lookAt });
  });

  it('defaults pitch to 0 and turns the visitor to `facing` on entry', () => {
    const data = withPanorama();
    data.rooms[0].stops[0].direction = { yaw: 150 };
    data.rooms[0].facing = { yaw: 90 };
    const r = load(data);
    if (!r.ok) throw new Error(r.errors.map(formatError).join('\n'));
    const room = r.scene.rooms[0] as PanoramaRoom;
    expect(room.stops[0]!.direction).toEqual({ yaw: 150, pitch: 0 });
    expect(room.spawn.yaw).toBeCloseTo(-Math.PI / 2, 9);
  });

  it('highlights a panorama exhibit with a frame facing the eye that spans its angular size', () => {
    const r = load(withPanorama());
    if (!r.ok) throw new Error('invalid');
    const room = r.scene.rooms[0] as PanoramaRoom;
    const e = room.exhibits.find((x) => x.id === 'rear-door')!;
    const h = highlightPlacement(room, 'rear-door')!;
    close(h.position, pointInDirection(e.direction, HIGHLIGHT_DISTANCE));
    expect(h.rotation).toEqual(facingEye(e.direction));
    close(h.scale.slice(0, 2), spanAt(e.angularSize, HIGHLIGHT_DISTANCE));
    expect(highlightPlacement(room, 'nothing')).toBeNull();
    // a model room's exhibit keeps its box
    const model = r.scene.rooms[1]!;
    expect(model.type).toBe('model');
    if (model.type === 'model') expect(highlightPlacement(model, 'red-boat')).toMatchObject({ position: model.exhibits[0]!.center, scale: model.exhibits[0]!.size });
  });

  it('names the file, the JSON path and the reason for a broken panorama room', () => {
    const data = withPanorama();
    const room = data.rooms[0];
    room.image = 'photos/hall.png';
    room.stops[0].direction = { yaw: 200, pitch: 0 };
    room.stops[1].direction.pitch = -95;
    room.stops[2].position = [0, 0, 0];
    delete room.stops[3].direction;
    room.checkpoint.direction = { yaw: 90, pitch: 40 };
    room.exhibits[0].angularSize = [0, 30];
    room.stops[0].exhibit = 'no-such-exhibit';
    const lines = errorLines(data);
    const expectLine = (re: RegExp) => expect(lines).toContainEqual(expect.stringMatching(re));
    expectLine(/^scenes\/jiandang\/scene\.json: \$\.rooms\[0\]\.image: must be a path like "panoramas\/<name>\.jpg"/);
    expectLine(/^scenes\/jiandang\/scene\.json: \$\.rooms\[0\]\.stops\[0\]\.direction\.yaw: yaw is in degrees from -180 to 180/);
    expectLine(/: \$\.rooms\[0\]\.stops\[1\]\.direction\.pitch: pitch is in degrees from -90/);
    expectLine(/: \$\.rooms\[0\]\.stops\[2\]: .*"position"/);
    expectLine(/: \$\.rooms\[0\]\.stops\[3\]\.direction: /);
    expectLine(/: \$\.rooms\[0\]\.checkpoint\.direction\.pitch: the quiz panel floats near eye level/);
    expectLine(/: \$\.rooms\[0\]\.exhibits\[0\]\.angularSize\[0\]: the width must be more than 0°/);
  });

  it('rejects model-room fields in a panorama room and a panorama stop in a model room', () => {
    const data = withPanorama();
    data.rooms[0].walkable = [{ min: [-1, -1], max: [1, 1] }];
    data.rooms[1].stops[0].direction = { yaw: 0, pitch: 0 };
    const lines = errorLines(data);
    expect(lines).toContainEqual(expect.stringMatching(/\$\.rooms\[0\]: .*"walkable"/));
    expect(lines).toContainEqual(expect.stringMatching(/\$\.rooms\[1\]\.stops\[0\]: .*"direction"/));
  });

  it('rejects an unknown exhibit and hotspots too close to tell apart', () => {
    const data = withPanorama();
    data.rooms[0].stops[0].exhibit = 'no-such-exhibit';
    data.rooms[0].stops[2].direction = { yaw: 44, pitch: -13 };
    const lines = errorLines(data);
    expect(lines).toContainEqual(expect.stringMatching(/\$\.rooms\[0\]\.stops\[0\]\.exhibit: no exhibit "no-such-exhibit" in room "yida-hall"/));
    expect(lines).toContainEqual(
      expect.stringMatching(/\$\.rooms\[0\]\.stops\[2\]\.direction: this hotspot is 4\.\d° from the one at \$\.rooms\[0\]\.stops\[1\]\.direction; keep hotspots at least 10° apart/),
    );
  });

  it('rejects an unknown room type with the types it knows', () => {
    const data = withPanorama();
    data.rooms[0].type = 'video';
    expect(errorLines(data)).toContainEqual(expect.stringMatching(/\$\.rooms\[0\]\.type: Invalid discriminator value\. Expected 'model' \| 'panorama'/));
  });
});

/** A JPEG's first bytes: SOI, an APP0 segment, then a baseline frame header of the given size. */
function jpegHeader(width: number, height: number, pad = 0): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xda, 0, 2]), Buffer.alloc(pad), Buffer.from([0xff, 0xd9])]);
}

function webpVp8x(width: number, height: number): Buffer {
  const b = Buffer.alloc(30);
  b.write('RIFF', 0, 'latin1');
  b.writeUInt32LE(22, 4);
  b.write('WEBPVP8X', 8, 'latin1');
  b.writeUInt32LE(10, 16);
  b.writeUIntLE(width - 1, 24, 3);
  b.writeUIntLE(height - 1, 27, 3);
  return b;
}

function webpVp8l(width: number, height: number): Buffer {
  const b = Buffer.alloc(30);
  b.write('RIFF', 0, 'latin1');
  b.write('WEBPVP8L', 8, 'latin1');
  b[20] = 0x2f;
  b.writeUInt32LE(((height - 1) << 14) | (width - 1), 21);
  return b;
}

describe('panorama photos (npm run validate)', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('reads the size of JPEG and WebP files from their headers', () => {
    expect(imageInfo(jpegHeader(4096, 2048))).toEqual({ format: 'jpeg', width: 4096, height: 2048 });
    expect(imageInfo(webpVp8x(3000, 1500))).toEqual({ format: 'webp', width: 3000, height: 1500 });
    expect(imageInfo(webpVp8l(2000, 1000))).toEqual({ format: 'webp', width: 2000, height: 1000 });
    expect(imageInfo(Buffer.from('\x89PNG\r\n\x1a\n0000000000000000', 'latin1'))).toBeNull();
  });

  it('accepts a 2:1 photo within 4096×2048 and 2 MB, and says what is wrong with others', () => {
    expect(photoProblems('panoramas/a.jpg', jpegHeader(4096, 2048))).toEqual([]);
    expect(photoProblems('panoramas/a.webp', webpVp8x(3072, 1536))).toEqual([]);
    expect(photoProblems('panoramas/a.jpg', jpegHeader(8192, 4096))).toEqual(['public/panoramas/a.jpg is 8192×4096; at most 4096×2048 (scale it down; the texture budget is 64 MB a stop)']);
    expect(photoProblems('panoramas/a.jpg', jpegHeader(2000, 1500))).toEqual([
      'public/panoramas/a.jpg is 2000×1500; a 360° photo must be 2:1 equirectangular (e.g. 4096×2048)',
    ]);
    expect(photoProblems('panoramas/a.jpg', webpVp8x(2048, 1024))).toEqual(['public/panoramas/a.jpg is a WebP image but its name says JPEG']);
    expect(photoProblems('panoramas/a.jpg', jpegHeader(4096, 2048, 3 * 1024 * 1024))[0]).toMatch(/is 3\.0 MB; at most 2\.0 MB/);
    expect(photoProblems('panoramas/a.jpg', Buffer.from('not an image'))).toEqual(['public/panoramas/a.jpg is not a JPEG or WebP image']);
  });

  it('reports a missing or oversized photo at the room’s image path', () => {
    const pub = mkdtempSync(join(tmpdir(), 'redtour-panorama-'));
    dirs.push(pub);
    const r = load(withPanorama());
    if (!r.ok) throw new Error('invalid');
    expect(checkPanoramaPhotos(r, pub).map(formatError)).toEqual(['scenes/jiandang/scene.json: $.rooms[0].image: public/panoramas/test-hall.jpg does not exist']);
    mkdirSync(join(pub, 'panoramas'));
    writeFileSync(join(pub, 'panoramas/test-hall.jpg'), jpegHeader(8000, 4000));
    expect(checkPanoramaPhotos(r, pub).map(formatError)).toEqual([
      'scenes/jiandang/scene.json: $.rooms[0].image: public/panoramas/test-hall.jpg is 8000×4000; at most 4096×2048 (scale it down; the texture budget is 64 MB a stop)',
    ]);
    writeFileSync(join(pub, 'panoramas/test-hall.jpg'), jpegHeader(2048, 1024));
    expect(checkPanoramaPhotos(r, pub)).toEqual([]);
  });

  it('every committed panorama room has a photo that passes, and at least one base ships one', () => {
    const rooms = loadAllScenes().flatMap((r) => (r.ok ? r.scene.rooms.filter((x) => x.type === 'panorama').map(() => r) : []));
    expect(rooms.length).toBeGreaterThan(0);
    for (const r of rooms) expect(checkPanoramaPhotos(r, join(ROOT, 'public')).map(formatError)).toEqual([]);
  });
});

describe('panorama tools', () => {
  it('puts a provenance comment into a JPEG without changing its image', () => {
    const jpeg = jpegHeader(4096, 2048);
    const text = provenance(SHOT);
    expect(text).toBe('Rendered by RedTour XR tools/panorama/render.ts from public/models/yida-hall.glb, eye 0,1.6,2.9, yaw 0, 4096x2048, JPEG quality 0.85');
    const marked = withJpegComment(jpeg, text);
    expect(jpegComment(marked)).toBe(text);
    expect(imageInfo(marked)).toEqual(imageInfo(jpeg));
    expect(jpegComment(jpeg)).toBeNull();
  });

  it('every shipped rendered panorama says where it came from, and a shot reproduces it', () => {
    const provenanceFile = readFileSync(join(ROOT, 'public/panoramas/PROVENANCE.md'), 'utf8');
    const rendered = loadAllScenes()
      .flatMap((r) => (r.ok ? r.scene.rooms : []))
      .flatMap((room) => (room.type === 'panorama' ? [room.image] : []))
      .filter((image) => SHOTS.some((s) => `panoramas/${s.name}.jpg` === image));
    expect(rendered.length).toBeGreaterThan(0);
    for (const image of rendered) {
      const shot = SHOTS.find((s) => `panoramas/${s.name}.jpg` === image)!;
      const bytes = readFileSync(join(ROOT, 'public', image));
      expect(jpegComment(bytes)).toBe(provenance(shot));
      expect(imageInfo(bytes)).toEqual({ format: 'jpeg', width: shot.width, height: shot.width / 2 });
      expect(provenanceFile).toContain(`| \`${image.replace('panoramas/', '')}\` | ${provenance(shot)} |`);
    }
  });

  it('converts a model room’s look targets, panel and exhibit boxes into directions from the shot’s eye', () => {
    const shot = { eye: [1, 1.6, 1] as Vec3, yaw: 30 };
    expect(photoDirection(shot, [1, 1.6, -5])).toEqual({ yaw: -30, pitch: 0 });
    expect(photoDirection(shot, [2, 2.6, 1])).toEqual({ yaw: 60, pitch: 45 });
    // a 2 m square 2 m ahead spans 2·atan(1/2) both ways; seen from the side, the same
    expect(angularSize({ eye: [0, 1.6, 0], yaw: 0 }, [0, 1.6, -2], [2, 2, 0])).toEqual([53.1, 53.1]);
    expect(angularSize({ eye: [0, 1.6, 0], yaw: 0 }, [2, 1.6, 0], [0, 2, 2])).toEqual([53.1, 53.1]);
    expect(angularSize({ eye: [0, 1.6, 0], yaw: 0 }, [0, 1, 0], [3, 2, 3])).toEqual([120, 90]); // around the eye
    const room = panoramaRoomFrom(jiandang().rooms[0], SHOT) as Record<string, any>;
    expect(Object.keys(room)).toEqual(['id', 'type', 'title', 'image', 'exhibits', 'stops', 'checkpoint']);
    expect(room.stops.map((s: { id: string }) => s.id)).toEqual(jiandang().rooms[0].stops.map((s: { id: string }) => s.id));
    expect(room.stops[0].direction).toEqual(photoDirection(SHOT, jiandang().rooms[0].stops[0].lookAt));
    expect(room.stops[0]).not.toHaveProperty('position');
    expect(room.checkpoint.questions).toEqual(jiandang().rooms[0].checkpoint.questions);
    expect(() => panoramaRoomFrom(room, SHOT)).toThrow(/not a model room/);
  });

  it('writes JSON in the scenes’ style and reads back the same value', () => {
    const value = { a: { zh: '石库门', en: 'gate' }, list: [{ x: 1 }, { y: [1, 2] }], empty: {}, long: 'x'.repeat(120) };
    const text = formatJson(value);
    expect(JSON.parse(text)).toEqual(value);
    expect(text).toContain('"a": { "zh": "石库门", "en": "gate" }');
    expect(text).toContain('  "list": [\n    { "x": 1 },\n    { "y": [1, 2] }\n  ]');
    const scene = jiandang();
    expect(JSON.parse(formatJson(scene))).toEqual(scene);
  });
});

describe('the authoring guide (docs/authoring.zh-CN.md)', () => {
  it('has a complete example base that validates, with a panorama room', () => {
    const guide = readFileSync(join(ROOT, 'docs/authoring.zh-CN.md'), 'utf8');
    const block = /```json\n([\s\S]*?)\n```/.exec(guide)?.[1];
    expect(block).toBeDefined();
    const r = loadScene('scenes/yida-example/scene.json', block!);
    expect(r.ok ? [] : r.errors.map(formatError)).toEqual([]);
    if (r.ok) expect(r.scene.rooms.map((x) => x.type)).toEqual(['panorama']);
  });

  it('shows validation errors as the validator prints them', () => {
    const guide = readFileSync(join(ROOT, 'docs/authoring.zh-CN.md'), 'utf8');
    const data = withPanorama();
    data.rooms[0].stops[1].direction = { yaw: 200, pitch: -15 };
    for (const line of errorLines(data)) {
      if (/direction\.yaw/.test(line)) expect(guide).toContain(line.replace(/^[^:]+: /, ''));
    }
  });
});

describe('keys in a room without floor', () => {
  it('turn the view instead of walking: right/left, up/down', () => {
    expect(turnDirection(new Set(['ArrowRight']))).toEqual([1, 0]);
    expect(turnDirection(new Set(['KeyA', 'KeyW']))).toEqual([-1, 1]);
    expect(turnDirection(new Set(['ArrowDown', 'KeyS']))).toEqual([0, -1]);
    expect(turnDirection(new Set(['KeyN']))).toEqual([0, 0]);
  });
});

describe('direction helpers used by authors', () => {
  it('gives a hotspot yaw/pitch from pixel coordinates measured in an image viewer', () => {
    // a thing at pixel (3000, 900) of a 4096×2048 photo
    const d: Direction = pixelToDirection(3000, 900, 4096, 2048);
    expect(d.yaw).toBeCloseTo(83.67, 2);
    expect(d.pitch).toBeCloseTo(10.9, 2);
  });
});
