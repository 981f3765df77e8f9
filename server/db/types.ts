/**
 * The study-record store: one interface, two implementations (SQLite file by default,
 * PostgreSQL when a connection string is given). The SQL lives once, in `sql.ts`.
 */
import type { StatementIndex } from '../xapi/statement';

export type Json = Record<string, unknown>;

/** A validated, normalised statement (authority set) with the index rows computed from it. */
export interface NewStatement {
  /** Has `id`, `authority` and `version`; `stored` (and `timestamp`, if absent) are set by the store. */
  statement: Json & { id: string };
  index: StatementIndex;
}

/** Who is writing: the credential's branch and whether it may act on other branches' statements. */
export interface WriterContext {
  branch: string;
  admin: boolean;
}

export interface InsertResult {
  /** The ids of the batch, in order (re-sent identical statements included). */
  ids: string[];
  /** How many rows were new (the rest were identical re-sends). */
  inserted: number;
  /** The `stored` value given to the new rows, when there were any. */
  stored: string | null;
}

/** A refusal of the whole batch; the HTTP layer maps `status` as is. */
export class StoreError extends Error {
  constructor(
    readonly status: 400 | 403 | 409,
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export interface StatementFilter {
  /** Only statements stored with this branch's credentials (its authority). */
  branch?: string;
  /** An IFI key (see `ifiKey`); matches actor/object (and Group members) … */
  agent?: string;
  /** … or, with this, also authority, instructor, team and the SubStatement's. */
  relatedAgents?: boolean;
  verb?: string;
  /** An Activity id; matches the object … */
  activity?: string;
  /** … or, with this, also context activities and the SubStatement's. */
  relatedActivities?: boolean;
  /** Lower-case UUID. */
  registration?: string;
  /** Stored strictly after (ms since the epoch). */
  since?: number;
  /** Stored at or before (ms since the epoch). */
  until?: number;
}

/** A position in the (stored, insertion order) sequence: the last row of a page. */
export interface Cursor {
  storedMs: number;
  seq: number;
}

export interface QueryOptions {
  /** 1 … the server maximum. */
  limit: number;
  ascending?: boolean;
  /** Continue after this row (exclusive), in the query's order. */
  after?: Cursor;
}

export interface QueryResult {
  statements: Json[];
  /** Where the next page starts, or null when this page is the last. */
  next: Cursor | null;
  /** Every statement stored at or before this instant was visible to this query. */
  consistentThrough: string;
}

export interface StoredStatement {
  statement: Json;
  stored: string;
  branch: string;
  voided: boolean;
}

export interface StatsFilter {
  branch?: string;
  since?: number;
  until?: number;
}

/** Cheap counts for the dashboard. Voided statements are counted apart, never in `byVerb`. */
export interface StatementStats {
  total: number;
  voided: number;
  actors: number;
  lastStored: string | null;
  byVerb: { verb: string; count: number }[];
  byBranch: { branch: string; count: number }[];
}

export type Scope = 'write' | 'read' | 'admin';

export interface CredentialRecord {
  key: string;
  name: string;
  branch: string;
  scopes: Scope[];
  /** scrypt parameters and output, see `server/xapi/auth.ts`. */
  salt: string;
  secretHash: string;
  created: string;
  revoked: string | null;
}

export interface StatementStore {
  readonly kind: 'sqlite' | 'postgres';
  /** The file path or the connection string without its password. */
  readonly location: string;
  /**
   * Stores a batch atomically. Identical re-sends are skipped; a different statement under a
   * known id is a 409; a voiding statement voids its target in the same transaction (400 if
   * the target is itself a voiding statement, 403 if it belongs to another branch and the
   * writer is not admin). Durable when the promise resolves.
   */
  insert(batch: NewStatement[], writer: WriterContext): Promise<InsertResult>;
  /** One statement by id: `voided: false` finds only non-voided ones, `true` only voided ones. */
  get(id: string, options: { voided: boolean; branch?: string }): Promise<StoredStatement | null>;
  /** Non-voided statements matching every filter, newest first unless `ascending`. */
  query(filter: StatementFilter, options: QueryOptions): Promise<QueryResult>;
  /** See {@link QueryResult.consistentThrough}. */
  consistentThrough(): string;
  stats(filter?: StatsFilter): Promise<StatementStats>;

  addCredential(record: CredentialRecord): Promise<void>;
  findCredential(key: string): Promise<CredentialRecord | null>;
  listCredentials(): Promise<CredentialRecord[]>;
  /** Returns false when no such (unrevoked) key exists. */
  revokeCredential(key: string): Promise<boolean>;

  close(): Promise<void>;
}
