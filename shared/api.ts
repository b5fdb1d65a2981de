import type { z } from 'zod';
import * as s from './schemas';
import type * as T from './types';

/**
 * The contract: every operation the app can perform, once, with how it is to be run. Main
 * registers it over IPC, the preview server over HTTP, the CLI by name; the renderer calls it
 * through a typed proxy. Adding an operation here without a handler in `db/` is a compile error.
 */
export interface Operation<Input extends z.ZodType, Output> {
  readonly input: Input;
  readonly settings: OperationSettings;
  /** Phantom: carries the output type, never set. */
  readonly output?: Output;
}

/**
 * How an operation is run, read by the dispatcher, the job runner and the preview server alike
 * (so none of them keeps a list of its own).
 */
export interface OperationSettings {
  /**
   * It changes what windows show: announced as `data.changed` when it succeeds, it holds the
   * write lock (waits while a write job runs) and is refused on a book that cannot be written.
   */
  readonly writes: boolean;
  /**
   * It writes without changing what windows show, so it is not announced but is refused on a
   * book that cannot be written: `trial` runs a write and rolls it back, holding the write lock
   * as long as the write would (a sync preview); `record` records only that it ran (a sync
   * export: the changes it carried count as sent).
   */
  readonly quietWrite?: 'trial' | 'record';
  /**
   * It runs on the job thread: it takes seconds (an import, a sync file, a roll-up rebuild), or
   * needs what that thread holds (a staged CSV file and its previewed plan).
   */
  readonly job?: boolean;
  /**
   * The largest request body it takes over HTTP, in bytes, when that is more than the usual
   * 8 MB: it carries a whole file (`fileBody`), and the contract's own bound is the limit.
   */
  readonly maxBody?: number;
  /**
   * It puts another book in place of the open one (a restore): the service runs it, awaiting
   * SQLite's backup API, instead of a handler.
   */
  readonly replacesBook?: true;
  /**
   * Who may run it (db/access/roles.ts): `everyone` signed in (what they see and change is
   * their own accounts'), `team` supervisors and admins, `audit` auditors and admins, `admin`
   * admins only, `session` the sign-in itself (answered while the book is locked).
   */
  readonly access: Access;
}

export type Access = 'everyone' | 'team' | 'audit' | 'admin' | 'session';

const op =
  <Output>() =>
  <Input extends z.ZodType>(input: Input, settings: OperationSettings): Operation<Input, Output> => ({
    input,
    settings,
  });

const read = { writes: false, access: 'everyone' } as const;
const write = { writes: true, access: 'everyone' } as const;
const adminWrite = { writes: true, access: 'admin' } as const;
const session = { writes: false, access: 'session' } as const;
const teamRead = { writes: false, access: 'team' } as const;
const auditRead = { writes: false, access: 'audit' } as const;
const adminRead = { writes: false, access: 'admin' } as const;
/** A file of `bytes` as base64, and the JSON around it. */
export const fileBody = (bytes: number): number => Math.ceil(bytes / 3) * 4 + 64 * 1024;

export const contract = {
  'accounts.create': op<T.Account>()(s.accountCreateInput, write),
  'accounts.update': op<T.Account>()(s.accountUpdateInput, write),
  'accounts.archive': op<T.Account>()(s.byIdInput, write),
  'accounts.restore': op<T.Account>()(s.byIdInput, write),
  'accounts.delete': op<T.Account>()(s.byIdInput, write),
  'accounts.undelete': op<T.Account>()(s.byIdInput, write),
  'accounts.get': op<T.Account>()(s.byIdInput, read),
  'accounts.findByNumber': op<T.Account | null>()(s.byCustomerNoInput, read),
  'accounts.detail': op<T.AccountDetail>()(s.byIdInput, read),
  /** An account's masked values, for a purpose; recorded in the audit log. */
  'accounts.reveal': op<T.RevealedAccount>()(s.revealInput, {
    writes: false,
    quietWrite: 'record',
    access: 'everyone',
  }),
  'accounts.list': op<T.AccountPage>()(s.accountListInput, read),
  'accounts.checkDuplicates': op<T.DuplicateMatch[]>()(s.duplicateCheckInput, read),
  'accounts.sharedNumbers': op<T.SharedNumbers>()(s.sharedNumbersInput, read),
  // Handing one manager's accounts to another: who owns what, what would move, the move itself.
  'accounts.handoverManagers': op<readonly T.HandoverManager[]>()(s.noInput, teamRead),
  'accounts.handoverPreview': op<T.HandoverReport>()(s.handoverInput, teamRead),
  'accounts.handover': op<T.HandoverReport>()(s.handoverInput, { writes: true, access: 'team' }),

  'phones.add': op<T.AccountPhone>()(s.phoneAddInput, write),
  'phones.update': op<T.AccountPhone>()(s.phoneUpdateInput, write),
  'phones.delete': op<T.AccountPhone>()(s.byIdInput, write),
  'phones.undelete': op<T.AccountPhone>()(s.byIdInput, write),

  'relationships.create': op<T.Relationship>()(s.relationshipCreateInput, write),
  'relationships.update': op<T.Relationship>()(s.relationshipUpdateInput, write),
  'relationships.delete': op<T.Relationship>()(s.byIdInput, write),
  'relationships.undelete': op<T.Relationship>()(s.byIdInput, write),

  'visits.create': op<T.Visit>()(s.visitCreateInput, write),
  'visits.update': op<T.Visit>()(s.visitUpdateInput, write),
  'visits.delete': op<T.Visit>()(s.byIdInput, write),
  'visits.undelete': op<T.Visit>()(s.byIdInput, write),
  'visits.list': op<T.Visit[]>()(s.visitListInput, read),

  'anniversaries.create': op<T.Anniversary>()(s.anniversaryCreateInput, write),
  'anniversaries.update': op<T.Anniversary>()(s.anniversaryUpdateInput, write),
  'anniversaries.delete': op<T.Anniversary>()(s.byIdInput, write),
  'anniversaries.undelete': op<T.Anniversary>()(s.byIdInput, write),
  'anniversaries.upcoming': op<T.AnniversaryWindow>()(s.anniversariesUpcomingInput, read),
  'anniversaries.onDate': op<T.AnniversaryWindow>()(s.anniversariesOnDateInput, read),
  'anniversaries.countByDay': op<T.DayCount[]>()(s.anniversariesCountByDayInput, read),

  'consumption.create': op<T.ConsumptionRecord>()(s.consumptionCreateInput, write),
  'consumption.update': op<T.ConsumptionRecord>()(s.consumptionUpdateInput, write),
  'consumption.delete': op<T.ConsumptionRecord>()(s.byIdInput, write),
  'consumption.undelete': op<T.ConsumptionRecord>()(s.byIdInput, write),
  'consumption.list': op<T.ConsumptionRecord[]>()(s.consumptionListInput, read),

  'contracts.create': op<T.Contract>()(s.contractCreateInput, write),
  'contracts.update': op<T.Contract>()(s.contractUpdateInput, write),
  'contracts.delete': op<T.Contract>()(s.byIdInput, write),
  'contracts.undelete': op<T.Contract>()(s.byIdInput, write),
  'contracts.list': op<T.Contract[]>()(s.contractListInput, read),
  /** Contracts by number (exact, or the number's start), with their accounts. */
  'contracts.find': op<T.ContractOfAccount[]>()(s.contractFindInput, read),
  /** Contracts ending in the next days (90 by default) and their monthly value: a statistics card. */
  'contracts.expiring': op<T.ContractsExpiring>()(s.contractsExpiringInput, read),

  'stats.account': op<T.AccountStats>()(s.statsAccountInput, read),
  'stats.group': op<T.GroupStats>()(s.statsGroupInput, read),
  'stats.portfolio': op<T.PortfolioStats>()(s.statsPortfolioInput, read),
  'stats.pareto': op<T.ParetoStats>()(s.statsParetoInput, read),
  'stats.slipping': op<T.SlippingStats>()(s.statsSlippingInput, read),
  'stats.coverage': op<T.CoverageStats>()(s.statsCoverageInput, read),
  'stats.rebuild': op<T.RollupRebuildResult>()(s.noInput, { writes: true, job: true, access: 'admin' }),

  'tiers.suggestions': op<T.TierSuggestions>()(s.tierSuggestionsInput, read),
  'tiers.apply': op<{ readonly changed: number }>()(s.tierApplyInput, write),
  'tiers.history': op<T.TierChange[]>()(s.byIdInput, read),

  'reminders.open': op<T.Reminder[]>()(s.remindersOpenInput, read),
  'reminders.acknowledge': op<{ visit: T.Visit | null }>()(s.reminderAcknowledgeInput, write),
  'reminders.snooze': op<{ until: string }>()(s.reminderSnoozeInput, write),

  /** The acting manager's agenda: overdue, today and the next days, with counts. */
  'agenda.list': op<T.Agenda>()(s.agendaListInput, read),
  /** Marks a follow-up done (synced); with `record`, also logs what was done as a visit. */
  'followUps.complete': op<T.FollowUpCompletion>()(s.followUpCompleteInput, write),
  /** Opens a done follow-up again (Undo). */
  'followUps.reopen': op<T.Visit>()(s.visitRefInput, write),
  /** Due one day later than the later of its due day and today. */
  'followUps.snooze': op<T.Visit>()(s.visitRefInput, write),
  'followUps.reschedule': op<T.Visit>()(s.followUpRescheduleInput, write),
  /** Marks done every open follow-up of the agenda due before a day (a backlog, as after an upgrade). */
  'followUps.completeOverdue': op<{ readonly completed: number }>()(s.followUpCompleteOverdueInput, write),
  /** A planned visit one day later (the same time of day). */
  'plannedVisits.snooze': op<T.Visit>()(s.visitRefInput, write),
  'plannedVisits.reschedule': op<T.Visit>()(s.plannedVisitRescheduleInput, write),

  'lookup.search': op<T.LookupResult>()(s.lookupInput, read),

  'audit.list': op<T.AuditEntry[]>()(s.auditListInput, auditRead),
  'audit.verify': op<T.AuditVerdict>()(s.noInput, { writes: false, job: true, access: 'audit' }),
  // --- Audit page ---
  /** The Audit page's list: filtered entries, newest first, with their accounts, and whether more exist. */
  'audit.page': op<T.AuditPage>()(s.auditListInput, auditRead),
  'audit.facets': op<T.AuditFacets>()(s.noInput, auditRead),
  /** The filtered entries as CSV (UTF-8 with BOM); records that it ran, with its filter and rows. */
  'audit.export': op<T.CsvExport>()(s.auditExportInput, { writes: false, job: true, access: 'audit' }),
  // --- end of Audit page ---

  'imports.stage': op<T.StagedImport>()(s.importStageInput, {
    writes: false,
    job: true,
    maxBody: fileBody(s.importMaxFileBytes),
    access: 'everyone',
  }),
  'imports.preview': op<T.ImportPreview>()(s.importOptionsInput, {
    writes: false,
    job: true,
    access: 'everyone',
  }),
  'imports.apply': op<T.ImportRecord>()(s.importOptionsInput, {
    writes: true,
    job: true,
    access: 'everyone',
  }),
  /**
   * Records an applied import's new bills and adds them to the statistics (db/imports/settle.ts):
   * the service queues it right after each import, and every call settles first anyway.
   */
  'imports.settle': op<{ readonly imports: number; readonly bills: number }>()(s.noInput, {
    writes: true,
    job: true,
    access: 'admin',
  }),
  'imports.list': op<T.ImportRecord[]>()(s.importListInput, read),
  'imports.revert': op<T.ImportRevertResult>()(s.byIdInput, { writes: true, job: true, access: 'everyone' }),
  'imports.rejects': op<T.ImportRejects>()(s.importRejectsInput, read),

  // --- Sync ---
  'sync.export': op<T.SyncExport>()(s.syncExportInput, {
    writes: false,
    quietWrite: 'record',
    job: true,
    access: 'everyone',
  }),
  'sync.preview': op<T.SyncPreview>()(s.syncPreviewInput, {
    writes: false,
    quietWrite: 'trial',
    job: true,
    maxBody: fileBody(s.syncMaxFileBytes),
    access: 'everyone',
  }),
  'sync.import': op<T.SyncImportResult>()(s.syncImportInput, {
    writes: true,
    job: true,
    maxBody: fileBody(s.syncMaxFileBytes),
    access: 'everyone',
  }),
  'sync.history': op<T.SyncHistoryEntry[]>()(s.syncHistoryInput, read),
  'sync.conflicts': op<T.SyncConflict[]>()(s.syncConflictsInput, read),
  'sync.resolveConflict': op<T.SyncConflict>()(s.syncResolveConflictInput, write),
  'sync.setPassphrase': op<T.SyncPassphraseStatus>()(s.syncSetPassphraseInput, write),
  'sync.clearPassphrase': op<T.SyncPassphraseStatus>()(s.noInput, write),
  // --- end of sync ---

  // --- Erasure (personal data removed on request) ---
  /** Removes an account, its records and every copy of their data; travels by sync. */
  'accounts.erase': op<T.ErasureResult>()(s.accountEraseInput, { writes: true, job: true, access: 'admin' }),
  /** Everything held about one account, as JSON and CSV; recorded in the audit log. */
  'accounts.exportPersonalData': op<T.PersonalDataExport>()(s.byIdInput, {
    writes: false,
    quietWrite: 'record',
    access: 'everyone',
  }),
  // --- end of erasure ---

  // --- Purge (accounts the rules propose for erasure) ---
  'purge.candidates': op<T.PurgeCandidatePage>()(s.purgeCandidatesInput, adminRead),
  /** Erases the chosen candidates through the erasure path, in one write and one rebuild. */
  'purge.apply': op<T.PurgeResult>()(s.purgeApplyInput, { writes: true, job: true, access: 'admin' }),
  // --- end of purge ---

  // --- CSV export ---
  'exports.csv': op<T.CsvExport>()(s.csvExportInput, { writes: false, job: true, access: 'everyone' }),
  // --- end of CSV export ---

  'settings.get': op<T.Settings>()(s.noInput, read),
  'settings.update': op<T.Settings>()(s.settingsUpdateInput, write),

  /** Whether the open book takes changes (read-only, damaged), and what opening it did. */
  'storage.get': op<T.StorageStatus>()(s.noInput, read),
  'storage.check': op<T.StorageCheck>()(s.noInput, { writes: false, job: true, access: 'everyone' }),

  // --- Backups (verified copies beside the book) ---
  'backups.list': op<T.BackupList>()(s.noInput, teamRead),
  /** Records that it ran (the audit entry of a copy of the whole archive). */
  'backups.create': op<T.BackupInfo>()(s.backupCreateInput, {
    writes: false,
    quietWrite: 'record',
    job: true,
    access: 'team',
  }),
  'backups.verify': op<T.BackupVerdict>()(s.backupFileInput, {
    writes: false,
    job: true,
    access: 'team',
  }),
  'backups.preview': op<T.BackupPreview>()(s.backupFileInput, {
    writes: false,
    job: true,
    access: 'team',
  }),
  /** Deletes a backup's file and manifest; recorded in the audit log. */
  'backups.remove': op<T.BackupRemoved>()(s.backupFileInput, adminWrite),
  'backups.restore': op<T.BackupRestoreResult>()(s.backupFileInput, {
    writes: true,
    job: true,
    replacesBook: true,
    access: 'admin',
  }),

  // --- Users and sign-in (db/access/) ---
  'users.list': op<T.User[]>()(s.noInput, read),
  'users.update': op<T.User>()(s.userUpdateInput, adminWrite),
  /** Adds a user to the book and, with their first password, to this computer's key ring. */
  'users.add': op<T.User>()(s.userAddInput, adminWrite),
  /** A new password for another user (they forgot theirs): re-wraps the book's key for them. */
  'users.setPassword': op<T.User>()(s.userSetPasswordInput, adminWrite),
  /** Who is signed in, or what the window must ask first (set up, sign in). Marks use: not idle. */
  'session.status': op<T.SessionState>()(s.noInput, session),
  /** The first user of a book, its administrator; the book is encrypted from then on. */
  'session.setUp': op<T.SessionState>()(s.setUpInput, session),
  'session.signIn': op<T.SessionState>()(s.signInInput, session),
  /** Closes the book and forgets its key until the next sign-in. */
  'session.lock': op<T.SessionState>()(s.noInput, session),
  'session.changePassword': op<T.SessionState>()(s.changePasswordInput, session),
  /** Keeps this user's keys protected by this computer's account (safeStorage), or forgets them. */
  'session.unlockHere': op<T.SessionState>()(s.unlockHereInput, session),
  /** Signs in with the keys this computer's account protects (`session.unlockHere`). */
  'session.unlock': op<T.SessionState>()(s.unlockInput, session),
  /** A new book joined from a head-office file that names this user; signs them in. */
  'session.join': op<T.SessionState>()(s.joinInput, { ...session, maxBody: fileBody(s.syncMaxFileBytes) }),
  // --- end of users and sign-in ---
} as const;

export type Contract = typeof contract;
export type OperationName = keyof Contract;
export const operationNames = Object.keys(contract) as OperationName[];

export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(contract, name);
}

/** What a caller sends (before defaults and normalization). */
export type InputOf<N extends OperationName> = z.input<Contract[N]['input']>;
/** What a handler receives (validated, normalized, defaults filled in). */
export type ParsedInputOf<N extends OperationName> = z.output<Contract[N]['input']>;
export type OutputOf<N extends OperationName> = Contract[N] extends Operation<z.ZodType, infer O> ? O : never;

/**
 * The operations the service runs itself: a restore (`OperationSettings.replacesBook`), and what
 * needs the key ring beside the book (sign-in, passwords: db/access/gate.ts).
 */
export type ServiceOperation = 'backups.restore' | 'users.add' | 'users.setPassword' | `session.${string}`;

export type ApiHandlers = {
  readonly [N in Exclude<OperationName, ServiceOperation>]: (
    input: ParsedInputOf<N>,
    context: T.RequestContext,
  ) => OutputOf<N>;
};

type Domain<N> = N extends `${infer D}.${string}` ? D : never;
type Verb<N, D extends string> = N extends `${D}.${infer V}` ? V : never;

/** `api.accounts.create(input)`: the shape the renderer and tests call. */
export type ApiClient = {
  readonly [D in Domain<OperationName>]: {
    readonly [N in OperationName as Verb<N, D>]: (
      ...input: undefined extends InputOf<N> ? [input?: InputOf<N>] : [input: InputOf<N>]
    ) => Promise<OutputOf<N>>;
  };
};

/** Events main pushes to windows. */
export interface ApiEvents {
  /** Something in the database changed: stores refetch what they show. */
  'data.changed': { readonly entities: readonly string[] };
  /**
   * The user clicked a reminder's desktop notification: an anniversary's shows its account, a
   * follow-up's the agenda.
   */
  'reminder.activated':
    | {
        readonly kind?: 'anniversary';
        readonly accountId: string;
        readonly anniversaryId: string;
        readonly occursOn: string;
      }
    | {
        readonly kind: 'followUp';
        readonly accountId: string;
        readonly visitId: string;
        readonly dueOn: string;
      };
  /** An import being applied: rows written so far (its window shows a progress bar). */
  'import.progress': { readonly stageId: string; readonly done: number; readonly total: number };
  /** A sync file being exported, previewed or imported: rows so far (the Sync page shows them). */
  'sync.progress': T.SyncProgress;
  /** Signed in, locked (by the user or after idle minutes), signed out. */
  'session.changed': T.SessionState;
}
export type EventName = keyof ApiEvents;

/** The events a long job reports its progress with (sent from the job thread while it runs). */
export type ProgressEventName = 'import.progress' | 'sync.progress';
/** One progress event, named, as the job thread passes it on. */
export type ProgressEvent = {
  readonly [N in ProgressEventName]: { readonly name: N; readonly payload: ApiEvents[N] };
}[ProgressEventName];

/**
 * Builds the nested client from one function that sends a named operation; transports supply
 * `send` (IPC invoke, HTTP fetch, a direct call in tests).
 */
export function createApiClient(send: (name: OperationName, input: unknown) => Promise<unknown>): ApiClient {
  const client: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const name of operationNames) {
    const [domain = '', verb = ''] = name.split('.');
    const methods = (client[domain] ??= {});
    methods[verb] = (input?: unknown) => send(name, input);
  }
  return client as unknown as ApiClient;
}
