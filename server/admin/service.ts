/**
 * Everything around the xAPI store that `startServer({ records })` mounts: the device
 * credential and `/api/config`, the public roster `/api/roster`, and the dashboard `/admin/`.
 */
import { join } from 'node:path';
import type { RecordConfig } from '../../src/record/statements';
import type { Route } from '../app';
import { DashboardQueries } from '../db/dashboard';
import { driverOf } from '../db/index';
import { RosterStore } from '../db/roster';
import type { StatementStore } from '../db/types';
import { ensureDeviceCredential, type DeviceCredential } from '../config/device';
import { configRoutes } from '../config/routes';
import { projectRoot } from '../tls';
import { rosterRoutes } from '../roster/routes';
import { checkTimeZone, DEFAULT_TIME_ZONE } from './dates';
import { M } from './messages';
import { adminRoutes } from './routes';
import { defaultScenesDir } from './scenes';
import { meetingRoutes } from '../screening/admin';
import { ScreeningService } from '../screening/service';
import { MeetingStore, migrateMeetings } from '../screening/store';

/** An external LRS named by the environment, or undefined to use our own record store. */
export function externalLrs(env: NodeJS.ProcessEnv): { endpoint: string; username: string; password: string } | undefined {
  const endpoint = env.REDTOUR_LRS_ENDPOINT;
  if (!endpoint) return undefined;
  if (!/^https?:\/\/\S+\/$/.test(endpoint)) throw new Error(`REDTOUR_LRS_ENDPOINT must be an http(s) URL ending in "/": ${endpoint}`);
  return { endpoint, username: env.REDTOUR_LRS_USERNAME ?? '', password: env.REDTOUR_LRS_PASSWORD ?? '' };
}

export interface StudyServicesOptions {
  store: StatementStore;
  /** Where `device-credential.json` is kept. */
  dataDir: string;
  activityBase: string;
  homePage: string;
  /** Branch id of the device credential. */
  deviceBranch: string;
  /** Default `<project root>/scenes`. */
  scenesDir?: string;
  /** Default Asia/Shanghai. */
  timeZone?: string;
  /** The built app (group screening serves its phone page). Default `<project root>/dist`. */
  distDir?: string;
  log?: (line: string) => void;
}

export interface StudyServices {
  routes: Route[];
  /** Lines to print at start-up (e.g. how to create the first secretary). */
  notices: string[];
  roster: RosterStore;
  credential: DeviceCredential;
  config: RecordConfig;
  /** Group screening: rooms, their socket (`handleUpgrade`) and meeting records. */
  screening: ScreeningService;
  meetings: MeetingStore;
}

export async function studyServices(options: StudyServicesOptions): Promise<StudyServices> {
  const driver = driverOf(options.store);
  const roster = new RosterStore(driver);
  const config: RecordConfig = { activityBase: options.activityBase, homePage: options.homePage };
  const credential = await ensureDeviceCredential({ store: options.store, dataDir: options.dataDir, branch: options.deviceBranch, log: options.log });
  const notices: string[] = [];
  if ((await roster.countAdminUsers()) === 0) notices.push(M.cli.noSecretary);
  await migrateMeetings(driver);
  const meetings = new MeetingStore(driver);
  const scenesDir = options.scenesDir ?? defaultScenesDir();
  const timeZone = checkTimeZone(options.timeZone ?? DEFAULT_TIME_ZONE);
  const screening = new ScreeningService({
    store: options.store,
    meetings,
    roster,
    config,
    deviceBranch: credential.branch,
    scenesDir,
    distDir: options.distDir ?? join(projectRoot, 'dist'),
    log: options.log,
  });
  const routes: Route[] = [
    ...screening.routes,
    // Before the dashboard's `/admin/*`, which would otherwise answer 404 for these pages.
    ...meetingRoutes({ roster, meetings, timeZone }),
    ...configRoutes({ roster, credential, activityBase: options.activityBase, homePage: options.homePage, external: externalLrs(process.env) }),
    ...rosterRoutes({ roster }),
    ...adminRoutes({
      roster,
      queries: new DashboardQueries(driver),
      config,
      scenesDir,
      timeZone,
    }),
  ];
  return { routes, notices, roster, credential, config, screening, meetings };
}
