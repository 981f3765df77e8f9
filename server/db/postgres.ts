/**
 * The PostgreSQL driver (`pg` pool). SQL arrives with `?` placeholders and is numbered here;
 * BIGINT comes back as a JS number (our values — milliseconds, row numbers — fit easily).
 */
import pg from 'pg';
import { jsonKeys, type Dialect, type SqlDriver, type SqlExecutor } from './sql';

const POSTGRES: Dialect = {
  name: 'postgres',
  seqPrimaryKey: 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY',
  bigint: 'BIGINT',
  // Serialises migrations of several servers starting at once on one database.
  migrationLock: 'SELECT pg_advisory_xact_lock(7262019)',
  maxParams: 65535,
  writableCtes: true,
  jsonValue: (column, keys) => `(${column}::jsonb #>> '{${jsonKeys(keys).join(',')}}')`,
};

const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** `?` → `$1, $2 …`, leaving quoted strings alone. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  let out = '';
  let quote: string | null = null;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === '?') out += `$${++n}`;
    else out += ch;
  }
  return out;
}

/** The connection string with any password replaced, for logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

function executor(client: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    all: async <T>(sql: string, params: readonly unknown[] = []) =>
      (await client.query(numberPlaceholders(sql), params as unknown[])).rows as T[],
    run: async (sql: string, params: readonly unknown[] = []) =>
      (await client.query(numberPlaceholders(sql), params as unknown[])).rowCount ?? 0,
  };
}

export function openPostgresDriver(connectionString: string, options: { max?: number } = {}): SqlDriver {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, types });
  // An idle client losing its connection must not take the server down; the next query reconnects.
  pool.on('error', (error) => console.error('[records] PostgreSQL connection error:', error.message));
  const shared = executor(pool);
  return {
    dialect: POSTGRES,
    location: redactUrl(connectionString),
    all: shared.all,
    run: shared.run,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(executor(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
