/**
 * Importing a roster file (花名册): header row with 姓名, 工号/党员编号 and 支部, one member per
 * row. All or nothing: every problem is listed with its row number as Excel shows it (the
 * header is row 1) and, if there is any, nothing is written.
 *
 * Decisions:
 * - **Upsert by member id.** Re-importing the same file changes nothing. Members missing from a
 *   file are kept; with `deactivateMissing` the active members of the branches the file covers
 *   (and only those) that are not in it are marked inactive — never deleted, their records stay.
 * - **Branches are created** when the file names one that is unknown (matched by id, then by
 *   name). Its id is the name itself when that is a valid branch id (ASCII), otherwise
 *   `zb-` + 8 hex digits of the name's SHA-256 (stable: the same name gets the same id in every
 *   installation). An empty 支部 cell takes the import's branch, if one was chosen; else it is
 *   an error.
 * - **An id already on the roster under another name is an error**, unless `allowRename`: the
 *   id is what the study records are keyed by, so a silent rename would hand one person's
 *   records to another (a typo in the id, a reused 工号). A real change of name is rare and
 *   deliberate, so the secretary ticks "允许更新姓名" and imports again.
 * - A member moving to another branch is allowed (组织关系转接), except for a secretary limited
 *   to one branch (`restrictToBranch`): they can neither take a member of another branch nor put
 *   one there.
 * - `guest` is reserved for visitors (访客) and cannot be a member id.
 */
import { createHash } from 'node:crypto';
import type { Branch, Member, RosterQueries, RosterStore } from '../db/roster';
import { BRANCH_PATTERN } from '../xapi/auth';
import { decodeText, parseDelimited, type TextEncodingName } from './csv';
import { M } from '../admin/messages';

/** The member id visitors use; reserved. */
export const GUEST_ID = 'guest';
export const MAX_NAME_LENGTH = 50;
export const MAX_ID_LENGTH = 64;
export const MAX_ROWS = 20_000;

export interface RowError {
  /** Row as Excel numbers it: the header is 1, the first member 2. */
  row: number;
  /** The column heading as written in the file, or null for a whole-row / file problem. */
  field: string | null;
  reason: string;
}

export interface ImportOptions {
  /** Branch (id or name) for rows whose 支部 is empty or when there is no 支部 column; created if unknown. */
  branch?: string;
  /** A secretary of one branch: every row must belong to this branch id. */
  restrictToBranch?: string;
  /** Mark active members of the covered branches that are not in the file as inactive. */
  deactivateMissing?: boolean;
  /** Accept a new name for an existing member id. */
  allowRename?: boolean;
}

export interface ImportSummary {
  encoding: TextEncodingName;
  delimiter: 'comma' | 'tab';
  /** Member rows read (blank rows skipped). */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Of `updated`: inactive members made active again. */
  reactivated: number;
  /** Of `updated`: members moved to another branch. */
  moved: number;
  /** Of `updated`: members whose name changed (allowRename). */
  renamed: number;
  deactivated: number;
  branchesCreated: Branch[];
}

export type ImportResult = { ok: true; summary: ImportSummary } | { ok: false; errors: RowError[] };

interface FileRow {
  row: number;
  name: string;
  id: string;
  branch: string;
}

interface Columns {
  name: number;
  id: number;
  branch: number | null;
  labels: { name: string; id: string; branch: string };
}

const HEADER_ALIASES: Record<string, 'name' | 'id' | 'branch'> = {
  姓名: 'name',
  工号: 'id',
  党员编号: 'id',
  '工号/党员编号': 'id',
  '党员编号/工号': 'id',
  支部: 'branch',
  所在支部: 'branch',
  支部名称: 'branch',
};

// Full-width and no-break spaces count as spaces; Excel users type them.
const trimCell = (value: string) => value.replace(/^[\s\u3000\u00a0\ufeff]+|[\s\u3000\u00a0]+$/g, '');
const normaliseHeader = (value: string) => trimCell(value).replace(/[\s\u3000]/g, '').replace(/／/g, '/');
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Reads the header row; returns the columns or file-level errors. */
function readHeader(header: string[], options: ImportOptions): Columns | RowError[] {
  const found: Partial<Record<'name' | 'id' | 'branch', { index: number; label: string }>> = {};
  const errors: RowError[] = [];
  header.forEach((cell, index) => {
    const kind = HEADER_ALIASES[normaliseHeader(cell)];
    if (!kind) return;
    const label = trimCell(cell);
    const before = found[kind];
    if (before) errors.push({ row: 1, field: label, reason: M.import.duplicateColumn(before.label, label) });
    else found[kind] = { index, label };
  });
  if (!found.name) errors.push({ row: 1, field: null, reason: M.import.missingNameColumn });
  if (!found.id) errors.push({ row: 1, field: null, reason: M.import.missingIdColumn });
  if (!found.branch && options.branch === undefined && options.restrictToBranch === undefined) {
    errors.push({ row: 1, field: null, reason: M.import.missingBranchColumn });
  }
  if (errors.length > 0 || !found.name || !found.id) return errors;
  return {
    name: found.name.index,
    id: found.id.index,
    branch: found.branch?.index ?? null,
    labels: { name: found.name.label, id: found.id.label, branch: found.branch?.label ?? M.import.branchLabel },
  };
}

/** Checks of one row that need no database. */
function checkRows(records: string[][], columns: Columns, hasDefaultBranch: boolean): { rows: FileRow[]; errors: RowError[] } {
  const rows: FileRow[] = [];
  const errors: RowError[] = [];
  const firstRowOfId = new Map<string, number>();
  const { labels } = columns;
  records.forEach((record, index) => {
    if (index === 0) return;
    const row = index + 1;
    if (record.every((cell) => trimCell(cell) === '')) return;
    const name = trimCell(record[columns.name] ?? '');
    const id = trimCell(record[columns.id] ?? '');
    const branch = columns.branch === null ? '' : trimCell(record[columns.branch] ?? '');
    let bad = false;
    const fail = (field: string | null, reason: string) => {
      errors.push({ row, field, reason });
      bad = true;
    };
    if (name === '') fail(labels.name, M.import.emptyName);
    else if (CONTROL.test(name)) fail(labels.name, M.import.controlChars);
    else if ([...name].length > MAX_NAME_LENGTH) fail(labels.name, M.import.nameTooLong(MAX_NAME_LENGTH));

    if (id === '') fail(labels.id, M.import.emptyId);
    else if (/[\s\u3000]/.test(id) || CONTROL.test(id)) fail(labels.id, M.import.idSpaces);
    else if ([...id].length > MAX_ID_LENGTH) fail(labels.id, M.import.idTooLong(MAX_ID_LENGTH));
    else if (/^\d+(\.\d+)?E\+\d+$/i.test(id)) fail(labels.id, M.import.idScientific);
    else if (id.toLowerCase() === GUEST_ID) fail(labels.id, M.import.idReserved(GUEST_ID));
    else {
      const first = firstRowOfId.get(id);
      if (first !== undefined) fail(labels.id, M.import.duplicateId(first));
      else firstRowOfId.set(id, row);
    }

    if (branch === '' && !hasDefaultBranch) fail(labels.branch, M.import.emptyBranch);
    else if (CONTROL.test(branch) || [...branch].length > MAX_NAME_LENGTH) fail(labels.branch, M.import.badBranch);

    if (!bad) rows.push({ row, name, id, branch });
  });
  return { rows, errors };
}

/** The id a new branch named `name` gets (see the module comment), avoiding `taken` ids. */
export function newBranchId(name: string, taken: ReadonlySet<string>): string {
  if (BRANCH_PATTERN.test(name) && !taken.has(name)) return name;
  const hex = createHash('sha256').update(name).digest('hex');
  for (let length = 8; length <= hex.length; length += 4) {
    const id = `zb-${hex.slice(0, length)}`;
    if (!taken.has(id)) return id;
  }
  throw new Error(`no free branch id for ${name}`);
}

/** Finds a branch by id, then by name; null if unknown. */
export function findBranch(branches: readonly Branch[], idOrName: string): Branch | null {
  return branches.find((b) => b.id === idOrName) ?? branches.find((b) => b.name === idOrName) ?? null;
}

/** Rolls the transaction back while carrying the errors out. */
class Rejected extends Error {
  constructor(readonly errors: RowError[]) {
    super('roster import rejected');
  }
}

const byRow = (a: RowError, b: RowError) => a.row - b.row;

/** Imports a roster file (its raw bytes) in one transaction; see the module comment for the rules. */
export async function importRoster(roster: RosterStore, bytes: Uint8Array, given: ImportOptions = {}): Promise<ImportResult> {
  const options: ImportOptions = { ...given, branch: given.branch?.trim() || undefined };
  if (bytes.length === 0) return { ok: false, errors: [{ row: 1, field: null, reason: M.import.emptyFile }] };
  const { text, encoding } = decodeText(bytes);
  const parsed = parseDelimited(text);
  if (!parsed.ok) return { ok: false, errors: [{ row: parsed.row, field: null, reason: M.import.unclosedQuote }] };
  const { records, delimiter } = parsed.table;
  const header = records[0];
  if (!header || header.every((cell) => trimCell(cell) === '')) {
    return { ok: false, errors: [{ row: 1, field: null, reason: M.import.noHeader }] };
  }
  if (records.length - 1 > MAX_ROWS) return { ok: false, errors: [{ row: 1, field: null, reason: M.import.tooManyRows(MAX_ROWS) }] };
  const columns = readHeader(header, options);
  if (Array.isArray(columns)) return { ok: false, errors: columns };
  const hasDefault = options.branch !== undefined || options.restrictToBranch !== undefined;
  const checked = checkRows(records, columns, hasDefault);
  if (checked.rows.length === 0 && checked.errors.length === 0) {
    return { ok: false, errors: [{ row: 2, field: null, reason: M.import.noMembers }] };
  }

  try {
    return await roster.transaction(async (tx) => {
      const summary = await applyRows(tx, checked.rows, columns, options, checked.errors);
      return { ok: true as const, summary: { ...summary, encoding, delimiter: delimiter === '\t' ? 'tab' : 'comma', rows: checked.rows.length } };
    });
  } catch (error) {
    if (error instanceof Rejected) return { ok: false, errors: error.errors.sort(byRow) };
    throw error;
  }
}

async function applyRows(
  tx: RosterQueries,
  rows: FileRow[],
  columns: Columns,
  options: ImportOptions,
  errors: RowError[],
): Promise<Omit<ImportSummary, 'encoding' | 'delimiter' | 'rows'>> {
  const branches = await tx.listBranches();
  const taken = new Set(branches.map((b) => b.id));
  const toCreate = new Map<string, Branch>();
  /** Resolves a 支部 cell (id or name), creating the branch (in this transaction) if unknown. */
  const resolve = (cell: string): Branch => {
    const known = findBranch(branches, cell) ?? toCreate.get(cell);
    if (known) return known;
    const branch = { id: newBranchId(cell, taken), name: cell };
    taken.add(branch.id);
    toCreate.set(cell, branch);
    return branch;
  };
  let fallback: Branch | null = null;
  if (options.restrictToBranch !== undefined) {
    fallback = branches.find((b) => b.id === options.restrictToBranch) ?? null;
    if (!fallback) throw new Rejected([{ row: 1, field: null, reason: M.import.unknownOwnBranch(options.restrictToBranch) }]);
  }
  if (options.branch !== undefined && options.branch.trim() !== '') {
    const chosen = resolve(options.branch.trim());
    if (fallback && chosen.id !== fallback.id) {
      throw new Rejected([{ row: 1, field: null, reason: M.import.otherBranch(chosen.name) }]);
    }
    fallback = chosen;
  }

  const existing = await tx.membersByIds(rows.map((r) => r.id));
  const fresh: Member[] = [];
  const changed: Member[] = [];
  let unchanged = 0;
  let reactivated = 0;
  let moved = 0;
  let renamed = 0;
  const covered = new Set<string>();
  for (const row of rows) {
    let branch: Branch;
    if (row.branch === '') branch = fallback!;
    else {
      // Resolve without creating first, so a refused row does not create a branch.
      const known = findBranch(branches, row.branch) ?? toCreate.get(row.branch);
      if (options.restrictToBranch !== undefined && known?.id !== options.restrictToBranch) {
        errors.push({ row: row.row, field: columns.labels.branch, reason: M.import.otherBranch(row.branch) });
        continue;
      }
      branch = known ?? resolve(row.branch);
    }
    const before = existing.get(row.id);
    if (!before) {
      fresh.push({ id: row.id, name: row.name, branchId: branch.id, active: true });
      covered.add(branch.id);
      continue;
    }
    if (before.name !== row.name && !options.allowRename) {
      errors.push({ row: row.row, field: columns.labels.name, reason: M.import.nameConflict(row.id, before.name, row.name) });
      continue;
    }
    if (before.branchId !== branch.id && options.restrictToBranch !== undefined) {
      const other = branches.find((b) => b.id === before.branchId);
      errors.push({ row: row.row, field: columns.labels.id, reason: M.import.idInOtherBranch(row.id, other?.name ?? before.branchId) });
      continue;
    }
    covered.add(branch.id);
    if (before.name === row.name && before.branchId === branch.id && before.active) {
      unchanged++;
      continue;
    }
    if (!before.active) reactivated++;
    if (before.branchId !== branch.id) moved++;
    if (before.name !== row.name) renamed++;
    changed.push({ id: row.id, name: row.name, branchId: branch.id, active: true });
  }
  if (errors.length > 0) throw new Rejected(errors);

  await tx.insertBranches([...toCreate.values()]);
  await tx.insertMembers(fresh);
  for (const member of changed) await tx.updateMember(member);
  let deactivated = 0;
  if (options.deactivateMissing) {
    const inFile = new Set(rows.map((r) => r.id));
    if (fallback) covered.add(fallback.id);
    const missing = (await tx.activeMemberIds([...covered])).filter((id) => !inFile.has(id));
    deactivated = await tx.deactivateMembers(missing);
  }
  return {
    created: fresh.length,
    updated: changed.length,
    unchanged,
    reactivated,
    moved,
    renamed,
    deactivated,
    branchesCreated: [...toCreate.values()],
  };
}

/** Sorts by branch name, then name, in Chinese (pinyin) order; then by id. */
export function rosterCollator(): Intl.Collator {
  return new Intl.Collator('zh-CN');
}
