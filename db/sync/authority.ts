import type { SessionUser, SyncRefusal, SyncRefusalReason, SyncScopeOutcome } from '../../shared/types';
import type { Db } from '../connection';
import { entities } from '../entities';
import type { UsersTable } from '../schema';
import { sessionUserOf } from '../access/users';
import { isRowOp, type DataOp, type SyncValue } from './ops';
import { nodeOf } from './plan';

/**
 * Who may change what, in an import (docs/ARCHITECTURE.md, "Signed, scoped sync"):
 *
 * - the **signer** of the file may change only what their role lets them change here: a
 *   manager their own accounts, a supervisor their team's, an administrator anything, an
 *   auditor nothing. A change they had no right to make is refused — not written, listed with
 *   its reason — and the rest of the file is imported. Only changes that would write count: a
 *   row the book has with nothing newer (a relay of what it already holds) is never refused.
 * - the **reader**, the user signed in here, keeps only their own accounts (a manager's own, a
 *   supervisor's team's): rows of other accounts in the file are left out, and an account of
 *   this book that the file hands to someone outside them leaves the book (`leaving`).
 *
 * An account's owner is the one the merge leaves it with: the file's when its owner is newer,
 * else the book's. A row belongs to the accounts its entity names (`entities[t].accounts`).
 */
export interface ImportAuthority {
  /** The signer's accounts by owner (lower case); null: any (an administrator). */
  readonly signer: {
    readonly code: string;
    readonly owners: ReadonlySet<string> | null;
    readonly admin: boolean;
    /** Erasures are a supervisor's (their team's accounts) or an administrator's. */
    readonly mayErase: boolean;
  } | null;
  /** The reader's accounts by owner (lower case); null: every account. */
  readonly reader: ReadonlySet<string> | null;
  /**
   * The file is head office's whole picture of the reader's accounts (written for them by an
   * administrator): an account of this book it leaves out is no longer theirs (`leavesUnlisted`).
   */
  readonly wholeScope: boolean;
}

const lower = (code: string) => code.toLowerCase();

/** Null when nothing is checked: no signer (a book without users) and a reader who sees everything. */
export function importAuthority(
  db: Db,
  signer: UsersTable | null,
  reader: SessionUser | undefined,
  recipient: string | undefined,
): ImportAuthority | null {
  const readerOwners = reader?.owners ? new Set(reader.owners.map(lower)) : null;
  if (!signer && !readerOwners) return null;
  return {
    wholeScope:
      signer?.role === 'admin' &&
      readerOwners !== null &&
      recipient !== undefined &&
      lower(recipient) === lower(reader?.code ?? ''),
    signer: signer
      ? {
          code: signer.code,
          admin: signer.role === 'admin',
          mayErase: signer.role === 'admin' || signer.role === 'supervisor',
          // An auditor writes nothing: no owner is theirs.
          owners:
            signer.role === 'admin'
              ? null
              : signer.role === 'auditor'
                ? new Set()
                : new Set((sessionUserOf(db, signer).owners ?? []).map(lower)),
        }
      : null,
    reader: readerOwners,
  };
}

/** The most refusals a preview or import lists (all are counted). */
const listedRefusals = 100;

/** Row state as the merge plan holds it: values and per-column clocks. */
export interface HeldRow {
  readonly values: Record<string, SyncValue>;
  readonly clocks: Record<string, string>;
  readonly insertClock: string;
}

/** One walk through a file: decides each chunk's ops, and keeps what it left out. */
export class ScopeJudge {
  private outside = 0;
  private readonly leavingAccounts = new Set<string>();
  private readonly refusals: SyncRefusal[] = [];
  private refusedCount = 0;
  /** Owners the file gives accounts (when the file's owner wins), across chunks. */
  private readonly fileOwners = new Map<string, string>();
  /** Accounts the file has rows for (only for a file of the reader's whole scope). */
  private readonly listed = new Set<string>();

  constructor(private readonly authority: ImportAuthority | null) {}

  /** Accounts of this book handed outside its user's accounts by the file. */
  get leaving(): readonly string[] {
    return [...this.leavingAccounts];
  }

  outcome(): SyncScopeOutcome {
    return {
      outsideScope: this.outside,
      leaving: this.leavingAccounts.size,
      refused: [...this.refusals],
      refusedTotal: this.refusedCount,
    };
  }

  refuse(refusal: SyncRefusal): void {
    this.refusedCount += 1;
    if (this.refusals.length < listedRefusals) this.refusals.push(refusal);
  }

  /** The ops of a chunk that must not be merged (refused, or outside the reader's accounts). */
  skipped(db: Db, ops: readonly DataOp[], held: (op: DataOp) => HeldRow | null): ReadonlySet<DataOp> {
    const skip = new Set<DataOp>();
    const authority = this.authority;
    if (!authority) return skip;
    const accountsOf = (op: DataOp): string[] =>
      entities[op.t].accounts.map((column) =>
        column === 'id'
          ? op.id
          : String((isRowOp(op) ? op.row[column] : undefined) ?? held(op)?.values[column] ?? ''),
      );
    const bookOwners = ownersInBook(db, [...new Set(ops.flatMap(accountsOf))]);
    if (authority.wholeScope) for (const op of ops) if (op.t === 'accounts') this.listed.add(op.id);
    for (const op of ops) {
      if (op.t !== 'accounts' || !isRowOp(op) || typeof op.row['owner'] !== 'string') continue;
      const row = held(op);
      const ownerClock = op.f?.['owner'] ?? op.h;
      if (!row || ownerClock > (row.clocks['owner'] ?? row.insertClock))
        this.fileOwners.set(op.id, lower(op.row['owner']));
    }
    const ownerAfter = (id: string) => this.fileOwners.get(id) ?? bookOwners.get(id) ?? '';
    for (const op of ops) {
      const accounts = accountsOf(op);
      const row = held(op);
      const { signer, reader } = authority;
      if (signer?.owners && wouldWrite(op, row)) {
        const before = accounts.map((id) => bookOwners.get(id));
        const notTheirs = (owner: string | undefined) => owner !== undefined && !signer.owners?.has(owner);
        const reason: SyncRefusalReason | null = before.some(notTheirs)
          ? 'outsideSignersAccounts'
          : accounts.some((id) => !signer.owners?.has(ownerAfter(id)))
            ? accounts.some((id) => bookOwners.has(id))
              ? 'ownerOutsideSignersAccounts'
              : 'outsideSignersAccounts'
            : null;
        if (reason) {
          if (op.t === 'accounts') this.fileOwners.delete(op.id);
          this.refuse({
            entity: entities[op.t].entity,
            rowId: op.id,
            accountId: accounts[0] ?? null,
            reason,
          });
          skip.add(op);
          continue;
        }
      }
      if (reader && accounts.some((id) => this.leavingAccounts.has(id) || !reader.has(ownerAfter(id)))) {
        const leaving =
          op.t === 'accounts' && reader.has(bookOwners.get(op.id) ?? '') && !reader.has(ownerAfter(op.id));
        if (leaving) this.leavingAccounts.add(op.id);
        else this.outside += 1;
        skip.add(op);
      }
    }
    return skip;
  }

  /**
   * A file of the reader's whole scope leaves out an account of this book: head office no longer
   * counts it as theirs (handed over), so it leaves — when head office had seen all of it when
   * writing the file (`vector`), so nothing written here since is lost with it.
   */
  leaveUnlisted(db: Db, vector: Readonly<Record<string, string>>): void {
    if (!this.authority?.wholeScope) return;
    const held = db.statement('SELECT id FROM accounts').pluck().all() as string[];
    for (const id of held)
      if (!this.listed.has(id) && !this.leavingAccounts.has(id) && seenBy(db, id, vector))
        this.leavingAccounts.add(id);
  }

  /** The erasures the signer may make (a supervisor their team's accounts, an administrator any). */
  erasures(db: Db, ids: readonly string[]): string[] {
    const signer = this.authority?.signer;
    if (!signer?.owners) return [...ids];
    const { mayErase } = signer;
    const owners = ownersInBook(db, ids);
    return ids.filter((id) => {
      const owner = owners.get(id);
      const allowed = mayErase && owner !== undefined && signer.owners?.has(owner) === true;
      if (!allowed)
        this.refuse({
          entity: 'account',
          rowId: id,
          accountId: id,
          reason: mayErase ? 'outsideSignersAccounts' : 'erasureNotAllowed',
        });
      return allowed;
    });
  }
}

/** Whether merging `op` would write anything: a new row, or a field newer than the book's. */
function wouldWrite(op: DataOp, row: HeldRow | null): boolean {
  if (!row) return true;
  const newer = (column: string, clock: string) => clock > (row.clocks[column] ?? row.insertClock);
  if (!isRowOp(op)) return newer(op.c, op.h);
  return Object.keys(op.row).some((column) => newer(column, op.f?.[column] ?? op.h));
}

/** The owners (lower case) of the accounts among `ids` that this book holds. */
function ownersInBook(db: Db, ids: readonly string[]): Map<string, string> {
  const found = db
    .statement('SELECT id, owner FROM accounts WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(ids)) as { id: string; owner: string }[];
  return new Map(found.map((row) => [row.id, lower(row.owner)]));
}

/** Whether every row of the account, and every edit of them, is dated within `vector`. */
function seenBy(db: Db, accountId: string, vector: Readonly<Record<string, string>>): boolean {
  const seen = (clock: string) => {
    const known = vector[nodeOf(clock)];
    return known !== undefined && clock <= known;
  };
  for (const entity of Object.values(entities)) {
    const clause = entity.accounts.map((column) => `${column} = ?`).join(' OR ');
    const rows = db
      .statement(`SELECT id, hlc FROM ${entity.table} WHERE ${clause}`)
      .all(...entity.accounts.map(() => accountId)) as { id: string; hlc: string }[];
    if (!rows.every((row) => seen(row.hlc))) return false;
    const edits = db
      .statement('SELECT hlc FROM field_clock WHERE tbl = ? AND row_id IN (SELECT value FROM json_each(?))')
      .pluck()
      .all(entity.table, JSON.stringify(rows.map((row) => row.id))) as string[];
    if (!edits.every(seen)) return false;
  }
  return true;
}
