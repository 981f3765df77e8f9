/**
 * `GET /api/roster`, without login: the headsets on the LAN show it to pick who is studying.
 * Only what that needs — id, name and branch of *active* members — sorted by branch name, then
 * name, in Chinese (pinyin) order. Branches without active members are left out. The id
 * `guest` (访客) is reserved and never a member: with an empty roster the app offers only it.
 */
import type { Route } from '../app';
import type { RosterQueries } from '../db/roster';

export interface RosterResponse {
  branches: { id: string; name: string }[];
  members: { id: string; name: string; branch: string }[];
}

/** The public roster, sorted. */
export async function publicRoster(roster: RosterQueries): Promise<RosterResponse> {
  const [branches, members] = await Promise.all([roster.listBranches(), roster.listMembers()]);
  const collator = new Intl.Collator('zh-CN');
  const used = new Set(members.map((m) => m.branchId));
  const shown = branches.filter((b) => used.has(b.id)).sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
  const order = new Map(shown.map((b, i) => [b.id, i]));
  const sorted = [...members].sort(
    (a, b) =>
      (order.get(a.branchId) ?? 0) - (order.get(b.branchId) ?? 0) ||
      collator.compare(a.name, b.name) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return {
    branches: shown.map((b) => ({ id: b.id, name: b.name })),
    members: sorted.map((m) => ({ id: m.id, name: m.name, branch: m.branchId })),
  };
}

export function rosterRoutes(options: { roster: RosterQueries }): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/roster',
      handler: async (req, res) => {
        const body = Buffer.from(JSON.stringify(await publicRoster(options.roster)));
        res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(body.length), 'Cache-Control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
    },
  ];
}
