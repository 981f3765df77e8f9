/**
 * Validation of what clients send over the screening socket (`src/screening/protocol.ts`): a
 * message that does not parse gets a `bad-message` error naming the JSON path and the reason.
 */
import { z } from 'zod';
import type { ClientMessage } from '../../src/screening/protocol';

const id = z.string().min(1).max(128);

const CommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('next') }),
  z.strictObject({ type: z.literal('previous') }),
  z.strictObject({ type: z.literal('goto'), station: z.number().int().min(0) }),
  z.strictObject({ type: z.literal('narration'), playing: z.boolean() }),
  z.strictObject({ type: z.literal('toggle-narration') }),
  z.strictObject({ type: z.literal('replay') }),
  z.strictObject({ type: z.literal('black'), on: z.boolean() }),
  z.strictObject({ type: z.literal('toggle-black') }),
  z.strictObject({ type: z.literal('question'), index: z.number().int().min(0) }),
  z.strictObject({ type: z.literal('phase'), phase: z.enum(['open', 'closed', 'revealed']) }),
  z.strictObject({
    type: z.literal('playback'),
    station: z.number().int().min(0),
    cue: z.number().int().min(-1),
    state: z.enum(['idle', 'loading', 'ready', 'playing', 'fallback', 'paused', 'ended']),
  }),
  z.strictObject({ type: z.literal('confirm'), attendees: z.array(id).max(2000) }),
]);

const MessageSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('hello'),
    code: z.string().regex(/^\d{4}$/, 'must be the four-digit join code'),
    role: z.enum(['presenter', 'projector', 'phone']),
    clientId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, "-" or "_"'),
    token: z.string().max(128).optional(),
  }),
  z.strictObject({ type: z.literal('join'), memberId: id }),
  z.strictObject({ type: z.literal('leave') }),
  z.strictObject({ type: z.literal('answer'), checkpointId: id, questionId: id, given: z.array(id).max(10) }),
  z.strictObject({ type: z.literal('command'), command: CommandSchema, seq: z.number().int().min(0).optional() }),
]);

/** Parses one text frame; on failure a reason such as `$.command.station: …`. */
export function parseClientMessage(text: string): { ok: true; message: ClientMessage } | { ok: false; reason: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const parsed = MessageSchema.safeParse(data);
  if (parsed.success) return { ok: true, message: parsed.data as ClientMessage };
  const issue = parsed.error.issues[0]!;
  const path = issue.path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`), '$');
  return { ok: false, reason: `${path}: ${issue.message}` };
}
