/**
 * The dashboard's group-screening pages (secretary login, like every `/admin/` page):
 *
 *   GET /admin/meetings          the meetings, newest first (a branch secretary sees their branch's)
 *   GET /admin/meetings/<id>     one meeting record, printable for the branch's files (会议记录)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Route } from '../app';
import { formatDay } from '../admin/dates';
import { html, type SafeHtml } from '../admin/html';
import { send, sendHtml, wantsJson, sendJson } from '../admin/http';
import { M } from '../admin/messages';
import { messagePage, page, type Viewer } from '../admin/pages';
import { formatDuration, formatRate } from '../admin/report';
import { Sessions } from '../admin/session';
import type { RosterStore } from '../db/roster';
import type { MeetingRecord, MeetingStore } from './store';

/** The texts of these pages (zh-CN, like the rest of the dashboard). */
export const MM = {
  listTitle: '集体放映记录',
  listHeading: '集体放映会议记录',
  empty: '还没有集体放映记录。在放映电脑上打开 /screening/ 开始一次集体放映。',
  date: '日期',
  base: '学习基地',
  branch: '支部',
  presenter: '主讲人',
  attendees: '参加人数',
  rate: '答题正确率',
  open: '查看 / 打印',
  sheetTitle: '集体放映会议记录',
  sheetHeading: '红色VR学习馆 · 集体放映会议记录',
  time: '时间：',
  length: '时长：',
  progress: '放映进度：',
  progressText: (shown: number, total: number, complete: boolean) => `${shown} / ${total} 站${complete ? '（完整）' : '（未放映完）'}`,
  count: '实到人数：',
  people: (n: number) => `${n} 人`,
  attendeeHeading: '参加人员',
  seq: '序号',
  name: '姓名',
  id: '工号/党员编号',
  how: '签到方式',
  byPhone: '手机加入',
  byPresenter: '主讲人确认',
  answered: '作答题数',
  correct: '答对题数',
  questionHeading: '各题作答情况（参加人员）',
  checkpoint: '关卡',
  question: '题目',
  answeredCount: '作答人数',
  correctCount: '答对人数',
  options: '各选项人数（✓ 为正确答案）',
  noQuestions: '本次放映没有进行答题。',
  recorder: '记录人签字：',
  secretary: '支部书记签字：',
  print: '打印',
  back: '返回集体放映记录',
  none: '—',
  notFound: '没有这条会议记录',
  forbidden: '您只能查看本支部的会议记录',
  noBranch: '（未指定支部）',
};

const clock = (ms: number, timeZone: string) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(ms));

function overallRate(record: MeetingRecord): string {
  const answered = record.questions.reduce((sum, q) => sum + q.answered, 0);
  const correct = record.questions.reduce((sum, q) => sum + q.correct, 0);
  return formatRate(correct, answered);
}

function listPage(viewer: Viewer, records: readonly MeetingRecord[], timeZone: string): SafeHtml {
  const table =
    records.length === 0
      ? html`<p class="notice">${MM.empty}</p>`
      : html`<div class="table-wrap"><table id="meetings-table">
  <thead><tr><th>${MM.date}</th><th>${MM.base}</th><th>${MM.branch}</th><th>${MM.presenter}</th><th>${MM.attendees}</th><th>${MM.rate}</th><th></th></tr></thead>
  <tbody>
${records.map(
  (r) => html`    <tr data-meeting="${r.id}"><td>${formatDay(r.endedMs, timeZone)}</td><td>${r.baseTitle}</td><td>${r.branchName ?? MM.noBranch}</td><td>${r.presenter?.name ?? MM.none}</td><td>${r.attendees.length}</td><td>${overallRate(r)}</td><td><a href="/admin/meetings/${r.id}">${MM.open}</a></td></tr>\n`,
)}  </tbody>
</table></div>`;
  return page(MM.listTitle, html`<h2>${MM.listHeading}</h2>${table}`, { viewer, section: 'meetings' });
}

function recordPage(viewer: Viewer, r: MeetingRecord, timeZone: string): SafeHtml {
  const attendees = html`<table class="ledger" id="attendees">
    <thead><tr><th>${MM.seq}</th><th>${MM.name}</th><th>${MM.id}</th><th>${MM.how}</th><th>${MM.answered}</th><th>${MM.correct}</th></tr></thead>
    <tbody>
${r.attendees.map(
  (a, i) => html`      <tr data-member-id="${a.id}"><td>${i + 1}</td><td>${a.name}</td><td>${a.id}</td><td>${a.phone ? MM.byPhone : MM.byPresenter}</td><td>${a.answered}</td><td>${a.correct}</td></tr>\n`,
)}    </tbody>
  </table>`;
  const questions =
    r.questions.length === 0
      ? html`<p>${MM.noQuestions}</p>`
      : html`<table class="ledger" id="questions">
    <thead><tr><th>${MM.checkpoint}</th><th>${MM.question}</th><th>${MM.answeredCount}</th><th>${MM.correctCount}</th><th>${M.questions.rate}</th><th>${MM.options}</th></tr></thead>
    <tbody>
${r.questions.map(
  (q) => html`      <tr data-question="${q.questionId}"><td>${q.checkpointTitle}</td><td>${q.prompt}</td><td>${q.answered}</td><td>${q.correct}</td><td>${formatRate(q.correct, q.answered)}</td><td>${q.options.map(
    (o, i) => html`${i > 0 ? html`<br>` : ''}${o.label}：${o.count}${o.right ? ' ✓' : ''}`,
  )}</td></tr>\n`,
)}    </tbody>
  </table>`;
  return page(
    MM.sheetTitle,
    html`<div class="toolbar no-print"><button class="primary" type="button" id="print-button">${MM.print}</button><a href="/admin/meetings">${MM.back}</a><span class="muted">${M.ledger.hint}</span></div>
<section class="ledger-sheet meeting-record" data-meeting="${r.id}">
  <h1>${MM.sheetHeading}</h1>
  <div class="ledger-meta">
    <span>${M.ledger.branch}<strong class="meeting-branch">${r.branchName ?? MM.noBranch}</strong></span>
    <span>${MM.time}<span class="meeting-date">${formatDay(r.startedMs, timeZone)} ${clock(r.startedMs, timeZone)}–${clock(r.endedMs, timeZone)}</span></span>
    <span>${MM.length}${formatDuration(r.endedMs - r.startedMs)}</span>
  </div>
  <div class="ledger-meta">
    <span>${MM.base}：<strong class="meeting-base">${r.baseTitle}</strong></span>
    <span>${MM.presenter}：<strong class="meeting-presenter">${r.presenter?.name ?? MM.none}</strong></span>
    <span>${MM.progress}${MM.progressText(r.stationsShown, r.stationsTotal, r.completion)}</span>
    <span>${MM.count}<strong class="meeting-count">${MM.people(r.attendees.length)}</strong></span>
  </div>
  <h2>${MM.attendeeHeading}</h2>
  ${attendees}
  <h2>${MM.questionHeading}</h2>
  ${questions}
  <div class="signature"><span>${MM.recorder}<span class="line"></span></span><span>${MM.secretary}<span class="line"></span></span><span>${M.ledger.date}<span class="line short"></span></span></div>
</section>`,
    { viewer, section: 'meetings' },
  );
}

export function meetingRoutes(options: { roster: RosterStore; meetings: MeetingStore; timeZone: string; now?: () => number }): Route[] {
  const sessions = new Sessions(options.roster, options.now);

  async function handle(req: IncomingMessage, res: ServerResponse, rest: string, url: URL): Promise<void> {
    const session = await sessions.fromRequest(req);
    if (!session) {
      if (wantsJson(req)) return sendJson(req, res, 401, { error: M.login.required });
      return send(req, res, 303, '', { Location: `/admin/login?next=${encodeURIComponent(url.pathname)}` });
    }
    const branch = session.branchId === null ? null : ((await options.roster.getBranch(session.branchId)) ?? { id: session.branchId, name: session.branchId });
    const viewer: Viewer = { username: session.username, branch, csrf: session.csrf };
    const id = rest.replace(/\/+$/, '');
    if (id === '') {
      const records = await options.meetings.list(viewer.branch ? { branchId: viewer.branch.id } : {});
      return sendHtml(req, res, 200, listPage(viewer, records, options.timeZone));
    }
    const record = /^[0-9a-f-]{36}$/.test(id) ? await options.meetings.get(id) : null;
    if (!record) return sendHtml(req, res, 404, messagePage(MM.notFound, MM.notFound, viewer));
    if (viewer.branch && record.branchId !== viewer.branch.id) return sendHtml(req, res, 403, messagePage(MM.forbidden, MM.forbidden, viewer));
    sendHtml(req, res, 200, recordPage(viewer, record, options.timeZone));
  }

  return [
    {
      method: 'GET',
      path: '/admin/meetings/*',
      handler: async (req, res, ctx) => {
        try {
          await handle(req, res, ctx.rest, ctx.url);
        } catch (error) {
          console.error(`[admin] ${req.method} ${req.url}:`, error);
          send(req, res, 500, M.errors.internal, { 'Content-Type': 'text/plain; charset=utf-8' });
        }
      },
    },
  ];
}
