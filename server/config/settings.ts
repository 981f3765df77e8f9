/**
 * The identifiers the app, the record store and the dashboard must agree on. They are IRIs
 * that name things and are never fetched; keep them fixed once records exist (changing them
 * splits every member's history in two).
 */

/** Prefix of every activity id (`<activityBase>/bases/<baseId>/…`). Env `REDTOUR_ACTIVITY_BASE`. */
export const DEFAULT_ACTIVITY_BASE = 'https://redtour.local/xapi/activities';
/** `account.homePage` of members (actors) and of the store's authority. Env `REDTOUR_XAPI_HOMEPAGE`. */
export const DEFAULT_HOME_PAGE = 'https://redtour.local/xapi';
/** Branch id of the headsets' device credential. Env `REDTOUR_DEFAULT_BRANCH`. */
export const DEFAULT_DEVICE_BRANCH = 'default';

/** Throws unless `value` is an absolute http(s) IRI without spaces. */
export function checkIri(value: string, name: string): string {
  let ok = false;
  try {
    const url = new URL(value);
    ok = (url.protocol === 'https:' || url.protocol === 'http:') && !/\s/.test(value);
  } catch {
    ok = false;
  }
  if (!ok) throw new Error(`${name} must be an absolute http(s) IRI: ${JSON.stringify(value)}`);
  return value;
}
