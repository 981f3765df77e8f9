/**
 * The `more` token: an opaque, URL-safe encoding of the query (filters, order, limit, format)
 * and the position after the last statement returned (stored time + insertion number). The
 * branch restriction is not in it: it comes from the credential of each request.
 */
import { z } from 'zod';
import type { Cursor, StatementFilter } from '../db/types';

export type Format = 'exact' | 'ids' | 'canonical';

export interface PageRequest {
  filter: Omit<StatementFilter, 'branch'>;
  limit: number;
  ascending: boolean;
  format: Format;
  after?: Cursor;
}

const TokenSchema = z.strictObject({
  v: z.literal(1),
  f: z.strictObject({
    agent: z.string().optional(),
    relatedAgents: z.boolean().optional(),
    verb: z.string().optional(),
    activity: z.string().optional(),
    relatedActivities: z.boolean().optional(),
    registration: z.string().optional(),
    since: z.number().int().optional(),
    until: z.number().int().optional(),
  }),
  l: z.number().int().positive(),
  a: z.boolean(),
  fmt: z.enum(['exact', 'ids', 'canonical']),
  k: z.tuple([z.number().int(), z.number().int()]),
});

export function encodeMore(page: PageRequest & { after: Cursor }): string {
  const token: z.infer<typeof TokenSchema> = {
    v: 1,
    f: page.filter,
    l: page.limit,
    a: page.ascending,
    fmt: page.format,
    k: [page.after.storedMs, page.after.seq],
  };
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

/** The page a `more` token asks for, or null when it is not one of ours. */
export function decodeMore(token: string): (PageRequest & { after: Cursor }) | null {
  if (!/^[A-Za-z0-9_-]{1,4096}$/.test(token)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const result = TokenSchema.safeParse(parsed);
  if (!result.success) return null;
  const t = result.data;
  return { filter: t.f, limit: t.l, ascending: t.a, format: t.fmt, after: { storedMs: t.k[0], seq: t.k[1] } };
}
