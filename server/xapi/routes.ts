/**
 * The xAPI Statement Resource (xAPI 1.0.3 Part Three §2.1, with `X-Experience-API-Version:
 * 2.0.0` accepted too) and `/about`, as one prefix route for `server/app.ts`.
 *
 * Errors are JSON `{ "error": reason, "path"?: JSON path }`. The Statement Resource has no
 * concurrency headers (ETag / If-Match are required by the spec only for the document
 * resources); an identical re-send is the idempotency mechanism instead.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, type Route, type RouteContext } from '../app';
import type { NewStatement, StatementFilter, StatementStore } from '../db/types';
import { StoreError } from '../db/types';
import { Authenticator, hasScope, type Principal } from './auth';
import { decodeMore, encodeMore, type Format, type PageRequest } from './cursor';
import { AgentSchema, GroupSchema, isIri, isTimestamp, isUuid, timestampMs, validateStatements } from './schema';
import { canonicalFormat, idsFormat, ifiKey, indexStatement, normaliseStatement, parseAcceptLanguage } from './statement';

/** Versions this LRS speaks (`GET /xapi/about`). */
export const XAPI_VERSIONS = ['1.0.3', '2.0.0'] as const;

export interface XapiOptions {
  store: StatementStore;
  /** Where the routes are mounted. Default `/xapi`. */
  basePath?: string;
  /** `account.homePage` of the authority agents this LRS writes. Default `https://redtour.local/xapi`. */
  homePage?: string;
  /** Largest accepted request body (413 beyond). Default 1 MB. */
  maxBodyBytes?: number;
  /** The most statements one page returns (also what `limit=0` means). Default 500. */
  maxLimit?: number;
  /** How long a verified secret is remembered. Default 60 s. */
  authCacheMs?: number;
}

const DEFAULT_HOME_PAGE = 'https://redtour.local/xapi';
const QUERY_PARAMS = new Set([
  'agent', 'verb', 'activity', 'registration', 'related_activities', 'related_agents',
  'since', 'until', 'limit', 'format', 'attachments', 'ascending',
]);

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly path?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function send(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const payload = body === undefined ? null : Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    'Cache-Control': 'no-store',
    ...(payload ? { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(payload.length) } : {}),
    ...headers,
  });
  res.end(req.method === 'HEAD' || !payload ? undefined : payload);
}

const bool = (value: string | null, name: string): boolean | undefined => {
  if (value === null) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new HttpError(400, `${name} must be true or false`);
};

function parseAgentParam(value: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new HttpError(400, 'agent must be an Agent or identified Group as JSON');
  }
  const type = (parsed as { objectType?: unknown } | null)?.objectType;
  const result = (type === 'Group' ? GroupSchema : AgentSchema).safeParse(parsed);
  const key = result.success ? ifiKey(result.data) : null;
  if (!key) throw new HttpError(400, 'agent must be an Agent or identified Group (with exactly one IFI) as JSON');
  return key;
}

function parseTime(value: string | null, name: string): number | undefined {
  if (value === null) return undefined;
  if (!isTimestamp(value)) throw new HttpError(400, `${name} must be an ISO 8601 timestamp`);
  return timestampMs(value);
}

/** The xAPI routes, ready for `startServer({ routes })` / `createHandler({ routes })`. */
export function xapiRoutes(options: XapiOptions): Route[] {
  const store = options.store;
  const basePath = (options.basePath ?? '/xapi').replace(/\/+$/, '');
  const homePage = options.homePage ?? DEFAULT_HOME_PAGE;
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const maxLimit = options.maxLimit ?? 500;
  const auth = new Authenticator(store, options.authCacheMs);

  const authority = (principal: Principal) => ({ objectType: 'Agent', account: { homePage, name: principal.branch } });

  const format = (statement: Record<string, unknown>, kind: Format, req: IncomingMessage) =>
    kind === 'ids' ? idsFormat(statement) : kind === 'canonical' ? canonicalFormat(statement, parseAcceptLanguage(req.headers['accept-language'])) : statement;

  async function store_(req: IncomingMessage, principal: Principal, body: unknown, version: string, putId?: string) {
    const validated = validateStatements(body);
    if (!validated.ok) throw new HttpError(400, validated.error, validated.path);
    if (putId !== undefined) {
      if (validated.isArray) throw new HttpError(400, 'PUT takes one statement, not an array', '$');
      const given = validated.statements[0]?.id;
      if (given !== undefined && given.toLowerCase() !== putId) {
        throw new HttpError(400, `statement id ${given} does not match statementId ${putId}`, '$.id');
      }
    }
    const seen = new Map<string, number>();
    const batch: NewStatement[] = validated.statements.map((input, index) => {
      const statement = normaliseStatement(input, { id: putId ?? randomUUID(), version });
      const first = seen.get(statement.id);
      if (first !== undefined) {
        throw new HttpError(400, `statement ${index}: id ${statement.id} appears twice in the batch (first at ${first})`, `$[${index}].id`);
      }
      seen.set(statement.id, index);
      statement.authority = authority(principal);
      return { statement, index: indexStatement(statement) };
    });
    try {
      return await store.insert(batch, { branch: principal.branch, admin: principal.scopes.includes('admin') });
    } catch (error) {
      if (error instanceof StoreError) {
        // The store numbers statements as in a batch; a single statement has no index.
        const single = !validated.isArray;
        const message = single ? error.message.replace(/^statement 0: /, '') : error.message;
        const path = single && error.path ? error.path.replace(/^\$\[0\]/, '$') : error.path;
        throw new HttpError(error.status, message, path);
      }
      throw error;
    }
  }

  async function getStatements(req: IncomingMessage, res: ServerResponse, url: URL, principal: Principal, headers: Record<string, string>) {
    const params = url.searchParams;
    const branch = principal.scopes.includes('admin') ? undefined : principal.branch;
    for (const name of new Set(params.keys())) {
      if (params.getAll(name).length > 1) throw new HttpError(400, `parameter ${name} is given more than once`);
    }
    const attachments = bool(params.get('attachments'), 'attachments');
    if (attachments) throw new HttpError(400, 'attachments=true is not supported: this LRS stores no attachment content');
    const formatParam = params.get('format') ?? 'exact';
    if (formatParam !== 'exact' && formatParam !== 'ids' && formatParam !== 'canonical') {
      throw new HttpError(400, 'format must be exact, ids or canonical');
    }

    const statementId = params.get('statementId');
    const voidedId = params.get('voidedStatementId');
    if (statementId !== null || voidedId !== null) {
      if (statementId !== null && voidedId !== null) throw new HttpError(400, 'give statementId or voidedStatementId, not both');
      const extra = [...params.keys()].filter((k) => !['statementId', 'voidedStatementId', 'format', 'attachments'].includes(k));
      if (extra.length > 0) throw new HttpError(400, `${statementId !== null ? 'statementId' : 'voidedStatementId'} cannot be combined with ${extra.join(', ')}`);
      const id = (statementId ?? voidedId)!;
      if (!isUuid(id)) throw new HttpError(400, `${statementId !== null ? 'statementId' : 'voidedStatementId'} must be a UUID`);
      const found = await store.get(id, { voided: voidedId !== null, branch });
      if (!found) throw new HttpError(404, `no ${voidedId !== null ? 'voided ' : ''}statement ${id}`);
      send(req, res, 200, format(found.statement, formatParam, req), {
        ...headers,
        'Last-Modified': new Date(found.stored).toUTCString(),
      });
      return;
    }

    let page: PageRequest;
    const more = params.get('more');
    if (more !== null) {
      const extra = [...params.keys()].filter((k) => k !== 'more');
      if (extra.length > 0) throw new HttpError(400, `more cannot be combined with ${extra.join(', ')}`);
      const decoded = decodeMore(more);
      if (!decoded) throw new HttpError(400, 'more is not a valid continuation token');
      page = decoded;
    } else {
      for (const name of params.keys()) if (!QUERY_PARAMS.has(name)) throw new HttpError(400, `unknown parameter ${name}`);
      const filter: PageRequest['filter'] = {};
      const agent = params.get('agent');
      if (agent !== null) filter.agent = parseAgentParam(agent);
      const verb = params.get('verb');
      if (verb !== null) {
        if (!isIri(verb)) throw new HttpError(400, 'verb must be an IRI');
        filter.verb = verb;
      }
      const activity = params.get('activity');
      if (activity !== null) {
        if (!isIri(activity)) throw new HttpError(400, 'activity must be an IRI');
        filter.activity = activity;
      }
      const registration = params.get('registration');
      if (registration !== null) {
        if (!isUuid(registration)) throw new HttpError(400, 'registration must be a UUID');
        filter.registration = registration.toLowerCase();
      }
      if (bool(params.get('related_activities'), 'related_activities')) filter.relatedActivities = true;
      if (bool(params.get('related_agents'), 'related_agents')) filter.relatedAgents = true;
      const since = parseTime(params.get('since'), 'since');
      if (since !== undefined) filter.since = since;
      const until = parseTime(params.get('until'), 'until');
      if (until !== undefined) filter.until = until;
      const limitParam = params.get('limit');
      let limit = maxLimit;
      if (limitParam !== null) {
        if (!/^\d+$/.test(limitParam)) throw new HttpError(400, 'limit must be a non-negative integer');
        const asked = Number(limitParam);
        limit = asked === 0 ? maxLimit : Math.min(asked, maxLimit);
      }
      page = { filter, limit, ascending: bool(params.get('ascending'), 'ascending') ?? false, format: formatParam };
    }

    const filter: StatementFilter = { ...page.filter, ...(branch !== undefined ? { branch } : {}) };
    const result = await store.query(filter, { limit: page.limit, ascending: page.ascending, after: page.after });
    const newest = result.statements.reduce<string | null>((acc, s) => {
      const stored = String(s.stored);
      return acc === null || Date.parse(stored) > Date.parse(acc) ? stored : acc;
    }, null);
    send(
      req,
      res,
      200,
      {
        statements: result.statements.map((s) => format(s, page.format, req)),
        more: result.next ? `${basePath}/statements?more=${encodeMore({ ...page, after: result.next })}` : '',
      },
      {
        ...headers,
        'X-Experience-API-Consistent-Through': result.consistentThrough,
        'Last-Modified': new Date(newest ?? result.consistentThrough).toUTCString(),
      },
    );
  }

  /** `headers` is filled as the request goes on and also goes out with an error answer. */
  async function handle(req: IncomingMessage, res: ServerResponse, ctx: RouteContext, headers: Record<string, string>): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const requested = req.headers['x-experience-api-version'];
    const speaks2 = typeof requested === 'string' && /^2\.0(\.\d+)?$/.test(requested.trim());
    const resource = ctx.rest.replace(/\/+$/, '');

    if (resource === 'about') {
      if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'about answers GET only', undefined, { Allow: 'GET, HEAD' });
      send(req, res, 200, { version: [...XAPI_VERSIONS] }, headers);
      return;
    }
    if (resource !== 'statements') throw new HttpError(404, `no resource ${basePath}/${resource} (this LRS implements statements and about)`);
    headers['X-Experience-API-Consistent-Through'] = store.consistentThrough();
    if (!['GET', 'HEAD', 'PUT', 'POST'].includes(method)) {
      throw new HttpError(405, `statements does not answer ${method}`, undefined, { Allow: 'GET, HEAD, PUT, POST' });
    }
    if (typeof requested !== 'string') throw new HttpError(400, 'the X-Experience-API-Version header is required');
    if (!/^(?:1\.0|2\.0)(?:\.\d+)?$/.test(requested.trim())) {
      throw new HttpError(400, `X-Experience-API-Version ${requested} is not supported (${XAPI_VERSIONS.join(', ')})`);
    }
    const principal = await auth.authenticate(req.headers.authorization);
    if (!principal) {
      throw new HttpError(401, 'valid HTTP Basic credentials are required', undefined, {
        'WWW-Authenticate': 'Basic realm="RedTour xAPI", charset="UTF-8"',
      });
    }

    if (method === 'GET' || method === 'HEAD') {
      if (!hasScope(principal, 'read')) throw new HttpError(403, `credential ${principal.key} may not read statements`);
      await getStatements(req, res, ctx.url, principal, headers);
      return;
    }

    if (!hasScope(principal, 'write')) throw new HttpError(403, `credential ${principal.key} may not write statements`);
    if (ctx.url.searchParams.has('method')) throw new HttpError(400, 'the alternate request syntax (?method=) is not supported');
    const contentType = String(req.headers['content-type'] ?? '').toLowerCase();
    if (contentType.startsWith('multipart/')) throw new HttpError(400, 'multipart/mixed (attachment content) is not supported: send application/json');
    let putId: string | undefined;
    if (method === 'PUT') {
      const id = ctx.url.searchParams.get('statementId');
      if (id === null) throw new HttpError(400, 'PUT needs the statementId parameter');
      if (!isUuid(id)) throw new HttpError(400, 'statementId must be a UUID');
      putId = id.toLowerCase();
    }
    const raw = await readBody(req, maxBody);
    if (raw === null) throw new HttpError(413, `the request body is larger than ${maxBody} bytes`, undefined, { Connection: 'close' });
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch (error) {
      throw new HttpError(400, `the body is not valid JSON: ${(error as Error).message}`);
    }
    const version = speaks2 ? '2.0.0' : '1.0.0';
    const result = await store_(req, principal, body, version, putId);
    headers['X-Experience-API-Consistent-Through'] = store.consistentThrough();
    if (method === 'PUT') send(req, res, 204, undefined, headers);
    else send(req, res, 200, result.ids, headers);
  }

  return [
    {
      path: `${basePath}/*`,
      handler: async (req, res, ctx) => {
        const requested = req.headers['x-experience-api-version'];
        const version = typeof requested === 'string' && /^2\.0(\.\d+)?$/.test(requested.trim()) ? '2.0.0' : '1.0.3';
        const headers: Record<string, string> = { 'X-Experience-API-Version': version };
        try {
          await handle(req, res, ctx, headers);
        } catch (error) {
          if (error instanceof HttpError) {
            send(req, res, error.status, { error: error.message, ...(error.path ? { path: error.path } : {}) }, {
              ...headers,
              ...error.headers,
            });
            return;
          }
          console.error(`[xapi] ${req.method} ${req.url}:`, error);
          send(req, res, 500, { error: 'internal error' }, headers);
        }
      },
    },
  ];
}
