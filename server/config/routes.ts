/**
 * `GET /api/config`, without login: what the app needs to record study statements.
 *
 *   {
 *     "xapi": { "endpoint": "/xapi/", "auth": { "username": "rt_…", "password": "…" } },
 *     "activityBase": "https://redtour.local/xapi/activities",
 *     "homePage": "https://redtour.local/xapi",
 *     "branch": { "id": "default", "name": "…" }        // only when the credential's branch is on the roster
 *   }
 *
 * `auth` is the write-only device credential (see `device.ts`): it can store statements and
 * read nothing, so handing it to every headset on the LAN exposes no one's records.
 */
import type { Route } from '../app';
import type { RosterQueries } from '../db/roster';
import type { DeviceCredential } from './device';

export interface AppConfig {
  xapi: { endpoint: string; auth: { username: string; password: string } };
  activityBase: string;
  homePage: string;
  branch?: { id: string; name: string };
}

export function configRoutes(options: {
  roster: RosterQueries;
  credential: DeviceCredential;
  activityBase: string;
  homePage: string;
  /** Where the xAPI routes are mounted. Default `/xapi/`. */
  endpoint?: string;
  /**
   * Another conformant LRS to report to instead of ours (env `REDTOUR_LRS_ENDPOINT`,
   * `REDTOUR_LRS_USERNAME`, `REDTOUR_LRS_PASSWORD`); it must allow this origin (CORS).
   */
  external?: { endpoint: string; username: string; password: string };
}): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/config',
      handler: async (req, res) => {
        const branch = await options.roster.getBranch(options.credential.branch);
        const config: AppConfig = {
          xapi: options.external
            ? { endpoint: options.external.endpoint, auth: { username: options.external.username, password: options.external.password } }
            : { endpoint: options.endpoint ?? '/xapi/', auth: { username: options.credential.key, password: options.credential.secret } },
          activityBase: options.activityBase,
          homePage: options.homePage,
          ...(branch ? { branch } : {}),
        };
        const body = Buffer.from(JSON.stringify(config));
        res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(body.length), 'Cache-Control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
    },
  ];
}
