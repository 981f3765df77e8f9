/**
 * The scene format: the single source of truth for what a base contains.
 * `scenes/<base-id>/scene.json` is validated against `SceneSchema` once, at load;
 * everything after that trusts the typed result. `scenes/schema.json` is generated from here.
 */
import { z } from 'zod';
import { angleBetween, HOTSPOT_MIN_SEPARATION, LOOK_DISTANCE, PANORAMA_CENTRE, panelPoint, pointInDirection, type Direction } from './panorama';

const id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by "-" (e.g. "yida-entrance")');

/** A text in zh-CN (required) and English (optional). */
export const LocalizedSchema = z.strictObject({
  zh: z.string().min(1, 'Chinese text must not be empty'),
  en: z.string().min(1).optional(),
});

/** [x, y, z] in metres; y is up, the floor is y = 0, −z is "forward" at yaw 0. */
export const Vec3Schema = z.tuple([z.number(), z.number(), z.number()]);

/** An axis-aligned rectangle on the floor: [minX, minZ] to [maxX, maxZ]. */
export const RectSchema = z
  .strictObject({ min: z.tuple([z.number(), z.number()]), max: z.tuple([z.number(), z.number()]) })
  .refine((r) => r.min[0] < r.max[0] && r.min[1] < r.max[1], { message: 'min must be below max on both axes' });

/** A reference to an entry in the scene's `sources`, with page/section where there is one. */
export const SourceRefSchema = z.strictObject({
  source: id,
  locator: z.string().min(1).optional(),
});

export const SourceSchema = z.strictObject({
  /** Full citation in Chinese: author/organisation, title, publisher, year. */
  title: z.string().min(1),
  kind: z.enum(['book', 'memorial-hall', 'article', 'official-document']),
  publisher: z.string().min(1).optional(),
  year: z.number().int().min(1900).max(2100).optional(),
});

/** One subtitle line; its timing comes from the audio manifest built by tools/narration. */
export const CueSchema = LocalizedSchema;

export const ExhibitSchema = z.strictObject({
  id,
  title: LocalizedSchema,
  /** Centre and size of the box that is highlighted while the narration speaks of it. */
  center: Vec3Schema,
  size: Vec3Schema,
});

export const StopSchema = z.strictObject({
  id,
  title: LocalizedSchema,
  /** Where the visitor stands (on the floor) and what they look at. */
  position: Vec3Schema,
  lookAt: Vec3Schema,
  /** The exhibit the narration speaks of (highlighted while it plays). */
  exhibit: id.optional(),
  /** Narration, one cue per sentence, in reading order. */
  narration: z.array(CueSchema).min(1, 'a stop needs at least one narration sentence'),
  sources: z.array(SourceRefSchema).min(1, 'every stop must name at least one source'),
});

export const OptionSchema = z.strictObject({ id, text: LocalizedSchema });

export const QuestionSchema = z
  .strictObject({
    id,
    type: z.enum(['single', 'multiple', 'truefalse']),
    prompt: LocalizedSchema,
    options: z.array(OptionSchema).min(2).max(6),
    /** Ids of the right option(s). */
    answer: z.array(id).min(1),
    explanation: LocalizedSchema,
    source: SourceRefSchema,
  })
  .superRefine((q, ctx) => {
    const ids = new Set(q.options.map((o) => o.id));
    if (ids.size !== q.options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'option ids must be unique' });
    q.answer.forEach((a, i) => {
      if (!ids.has(a)) ctx.addIssue({ code: 'custom', path: ['answer', i], message: `"${a}" is not one of this question's option ids` });
    });
    if (q.type !== 'multiple' && q.answer.length !== 1)
      ctx.addIssue({ code: 'custom', path: ['answer'], message: `a ${q.type} question has exactly one right answer` });
    if (q.type === 'truefalse' && q.options.length !== 2)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'a truefalse question has exactly two options' });
  });

export const CheckpointSchema = z.strictObject({
  id,
  title: LocalizedSchema,
  /** Where the visitor stands, and where the quiz panel floats (facing the visitor). */
  position: Vec3Schema,
  panel: Vec3Schema,
  /** Share of questions that must be right to pass, 0..1. */
  passMark: z.number().gt(0).max(1),
  questions: z.array(QuestionSchema).min(3, 'a checkpoint has 3 to 5 questions').max(5, 'a checkpoint has 3 to 5 questions'),
});

const RoomBase = {
  id,
  title: LocalizedSchema,
  spawn: z.strictObject({ position: Vec3Schema, yaw: z.number() }),
  stops: z.array(StopSchema).min(1),
  /** Passing it unlocks the next room; on the last room, passing it completes the base. */
  checkpoint: CheckpointSchema.optional(),
};

/** A room built from a GLB model, walkable on the union of `walkable` minus `obstacles`. */
export const ModelRoomSchema = z.strictObject({
  ...RoomBase,
  type: z.literal('model'),
  /** Path under public/, e.g. "models/yida-room.glb". */
  model: z.string().regex(/^models\/[\w.-]+\.glb$/, 'must be a path like "models/<name>.glb"'),
  background: z.string().regex(/^#[0-9a-f]{6}$/i, 'must be a colour like "#aabbcc"'),
  walkable: z.array(RectSchema).min(1),
  obstacles: z.array(RectSchema).default([]),
  exhibits: z.array(ExhibitSchema).default([]),
});

/**
 * A direction from the visitor at the centre of a 360° photo, in degrees: yaw 0 is the photo's
 * centre column, + to the right, ±180 its edges; pitch 0 the horizon, + up (see ./panorama.ts).
 */
export const DirectionSchema = z.strictObject({
  yaw: z.number().min(-180, 'yaw is in degrees from -180 to 180 (0 = centre of the photo, + to the right)').max(180, 'yaw is in degrees from -180 to 180 (0 = centre of the photo, + to the right)'),
  pitch: z.number().min(-90, 'pitch is in degrees from -90 (straight down) to 90 (straight up)').max(90, 'pitch is in degrees from -90 (straight down) to 90 (straight up)').default(0),
});

/** What a panorama stop's narration speaks of: a region of the photo, highlighted while it plays. */
export const PanoramaExhibitSchema = z.strictObject({
  id,
  title: LocalizedSchema,
  /** The centre of the region. */
  direction: DirectionSchema,
  /** Its width and height in degrees. */
  angularSize: z.tuple([
    z.number().gt(0, 'the width must be more than 0°').max(120, 'the width is at most 120°'),
    z.number().gt(0, 'the height must be more than 0°').max(90, 'the height is at most 90°'),
  ]),
});

/**
 * A stop in a panorama room: the visitor stays at the centre and turns to `direction`, where its
 * hotspot floats. At load it gets `position` (the centre) and `lookAt` (a point in that direction),
 * so the tour, narration and records treat it like any stop.
 */
export const PanoramaStopSchema = z
  .strictObject({
    id,
    title: LocalizedSchema,
    /** Where the thing the narration speaks of is, seen from the centre; its hotspot floats there. */
    direction: DirectionSchema,
    exhibit: id.optional(),
    narration: z.array(CueSchema).min(1, 'a stop needs at least one narration sentence'),
    sources: z.array(SourceRefSchema).min(1, 'every stop must name at least one source'),
  })
  .transform((s) => ({ ...s, position: PANORAMA_CENTRE, lookAt: pointInDirection(s.direction, LOOK_DISTANCE) }));

/** A checkpoint in a panorama room: its quiz panel floats in `direction` (near the horizon). */
export const PanoramaCheckpointSchema = z
  .strictObject({
    id,
    title: LocalizedSchema,
    direction: DirectionSchema.refine((d) => Math.abs(d.pitch) <= 30, {
      message: 'the quiz panel floats near eye level: pitch must be between -30 and 30',
      path: ['pitch'],
    }),
    passMark: z.number().gt(0).max(1),
    questions: z.array(QuestionSchema).min(3, 'a checkpoint has 3 to 5 questions').max(5, 'a checkpoint has 3 to 5 questions'),
  })
  .transform((c) => ({ ...c, position: PANORAMA_CENTRE, panel: panelPoint(c.direction) }));

/**
 * A room shown from one 360° photo (2:1 equirectangular, e.g. from a field trip, 走出去学): the
 * visitor stands at its centre, looks around and picks hotspots; no walking, no teleport.
 */
export const PanoramaRoomSchema = z
  .strictObject({
    id,
    title: LocalizedSchema,
    type: z.literal('panorama'),
    /** Path under public/, e.g. "panoramas/xibaipo-hall.jpg"; at most 4096×2048 (checked by `npm run validate`). */
    image: z
      .string()
      .regex(/^panoramas\/[\w.-]+\.(?:jpe?g|webp)$/, 'must be a path like "panoramas/<name>.jpg" or "panoramas/<name>.webp" (a 2:1 equirectangular photo in public/panoramas/)'),
    /** Where the visitor faces on entering, before turning to the first stop; default the photo's centre. */
    facing: DirectionSchema.optional(),
    stops: z.array(PanoramaStopSchema).min(1),
    checkpoint: PanoramaCheckpointSchema.optional(),
    exhibits: z.array(PanoramaExhibitSchema).default([]),
  })
  .transform((r) => ({ ...r, spawn: { position: PANORAMA_CENTRE, yaw: -((r.facing?.yaw ?? 0) * Math.PI) / 180 } }));

/** Room types, discriminated by `type`; each has one component in the world registry. */
export const RoomSchema = z.discriminatedUnion('type', [ModelRoomSchema, PanoramaRoomSchema]);

const jsonPathOf = (path: readonly (string | number)[]) => path.reduce<string>((a, k) => (typeof k === 'number' ? `${a}[${k}]` : `${a}.${k}`), '$');

export const SceneSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id,
    title: LocalizedSchema,
    summary: LocalizedSchema,
    /** Visible order in the base menu. */
    order: z.number().int().default(0),
    sources: z.record(id, SourceSchema),
    rooms: z.array(RoomSchema).min(1),
  })
  .superRefine((scene, ctx) => {
    const seen = new Map<string, string>();
    const unique = (value: string, path: (string | number)[]) => {
      const prev = seen.get(value);
      if (prev) ctx.addIssue({ code: 'custom', path, message: `id "${value}" is already used at ${prev}` });
      else seen.set(value, path.join('.'));
    };
    const source = (ref: { source: string }, path: (string | number)[]) => {
      if (!(ref.source in scene.sources))
        ctx.addIssue({ code: 'custom', path: [...path, 'source'], message: `unknown source "${ref.source}"; add it to "sources"` });
    };
    scene.rooms.forEach((room, r) => {
      unique(room.id, ['rooms', r, 'id']);
      const exhibits = new Set(room.exhibits.map((e) => e.id));
      room.stops.forEach((stop, s) => {
        const at = ['rooms', r, 'stops', s];
        unique(stop.id, [...at, 'id']);
        stop.sources.forEach((ref, k) => source(ref, [...at, 'sources', k]));
        if (stop.exhibit && !exhibits.has(stop.exhibit))
          ctx.addIssue({ code: 'custom', path: [...at, 'exhibit'], message: `no exhibit "${stop.exhibit}" in room "${room.id}"` });
      });
      if (room.type === 'panorama') {
        const spots: [Direction, (string | number)[]][] = [
          ...room.stops.map((s, k): [Direction, (string | number)[]] => [s.direction, ['rooms', r, 'stops', k, 'direction']]),
          ...(room.checkpoint ? [[room.checkpoint.direction, ['rooms', r, 'checkpoint', 'direction']] as [Direction, (string | number)[]]] : []),
        ];
        spots.forEach(([d, path], k) => {
          const near = spots.slice(0, k).find(([e]) => angleBetween(d, e) < HOTSPOT_MIN_SEPARATION);
          if (near)
            ctx.addIssue({
              code: 'custom',
              path,
              message: `this hotspot is ${angleBetween(d, near[0]).toFixed(1)}° from the one at ${jsonPathOf(near[1])}; keep hotspots at least ${HOTSPOT_MIN_SEPARATION}° apart so neither hides the other`,
            });
        });
      }
      if (room.checkpoint) {
        unique(room.checkpoint.id, ['rooms', r, 'checkpoint', 'id']);
        room.checkpoint.questions.forEach((q, k) => source(q.source, ['rooms', r, 'checkpoint', 'questions', k, 'source']));
      }
    });
  });

export type Localized = z.infer<typeof LocalizedSchema>;
export type Vec3 = z.infer<typeof Vec3Schema>;
export type Rect = z.infer<typeof RectSchema>;
export type SourceRef = z.infer<typeof SourceRefSchema>;
export type Source = z.infer<typeof SourceSchema>;
export type Exhibit = z.infer<typeof ExhibitSchema>;
export type Stop = z.infer<typeof StopSchema>;
export type Question = z.infer<typeof QuestionSchema>;
export type Checkpoint = z.infer<typeof CheckpointSchema>;
export type ModelRoom = z.infer<typeof ModelRoomSchema>;
export type PanoramaRoom = z.infer<typeof PanoramaRoomSchema>;
export type PanoramaStop = z.infer<typeof PanoramaStopSchema>;
export type PanoramaExhibit = z.infer<typeof PanoramaExhibitSchema>;
export type Room = z.infer<typeof RoomSchema>;
export type RoomType = Room['type'];
export type Scene = z.infer<typeof SceneSchema>;
