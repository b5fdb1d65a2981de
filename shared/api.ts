import type { z } from 'zod';
import * as s from './schemas';
import type * as T from './types';

/**
 * The contract: every operation the app can perform, once. Main registers it over IPC, the
 * preview server over HTTP, the CLI by name; the renderer calls it through a typed proxy.
 * Adding an operation here without a handler in `db/` is a compile error.
 */
export interface Operation<Input extends z.ZodType, Output> {
  readonly input: Input;
  /** Phantom: carries the output type, never set. */
  readonly output?: Output;
}

const op =
  <Output>() =>
  <Input extends z.ZodType>(input: Input): Operation<Input, Output> => ({ input });

export const contract = {
  'accounts.create': op<T.Account>()(s.accountCreateInput),
  'accounts.update': op<T.Account>()(s.accountUpdateInput),
  'accounts.archive': op<T.Account>()(s.byIdInput),
  'accounts.restore': op<T.Account>()(s.byIdInput),
  'accounts.delete': op<T.Account>()(s.byIdInput),
  'accounts.undelete': op<T.Account>()(s.byIdInput),
  'accounts.get': op<T.Account>()(s.byIdInput),
  'accounts.findByNumber': op<T.Account | null>()(s.byCustomerNoInput),
  'accounts.detail': op<T.AccountDetail>()(s.byIdInput),
  'accounts.list': op<T.AccountPage>()(s.accountListInput),
  'accounts.checkDuplicates': op<T.DuplicateMatch[]>()(s.duplicateCheckInput),
  'accounts.sharedNumbers': op<T.SharedNumbers>()(s.sharedNumbersInput),

  'phones.add': op<T.AccountPhone>()(s.phoneAddInput),
  'phones.update': op<T.AccountPhone>()(s.phoneUpdateInput),
  'phones.delete': op<T.AccountPhone>()(s.byIdInput),
  'phones.undelete': op<T.AccountPhone>()(s.byIdInput),

  'relationships.create': op<T.Relationship>()(s.relationshipCreateInput),
  'relationships.update': op<T.Relationship>()(s.relationshipUpdateInput),
  'relationships.delete': op<T.Relationship>()(s.byIdInput),
  'relationships.undelete': op<T.Relationship>()(s.byIdInput),

  'visits.create': op<T.Visit>()(s.visitCreateInput),
  'visits.update': op<T.Visit>()(s.visitUpdateInput),
  'visits.delete': op<T.Visit>()(s.byIdInput),
  'visits.undelete': op<T.Visit>()(s.byIdInput),
  'visits.list': op<T.Visit[]>()(s.visitListInput),

  'anniversaries.create': op<T.Anniversary>()(s.anniversaryCreateInput),
  'anniversaries.update': op<T.Anniversary>()(s.anniversaryUpdateInput),
  'anniversaries.delete': op<T.Anniversary>()(s.byIdInput),
  'anniversaries.undelete': op<T.Anniversary>()(s.byIdInput),
  'anniversaries.upcoming': op<T.AnniversaryWindow>()(s.anniversariesUpcomingInput),
  'anniversaries.onDate': op<T.AnniversaryWindow>()(s.anniversariesOnDateInput),
  'anniversaries.countByDay': op<T.DayCount[]>()(s.anniversariesCountByDayInput),

  'consumption.create': op<T.ConsumptionRecord>()(s.consumptionCreateInput),
  'consumption.update': op<T.ConsumptionRecord>()(s.consumptionUpdateInput),
  'consumption.delete': op<T.ConsumptionRecord>()(s.byIdInput),
  'consumption.undelete': op<T.ConsumptionRecord>()(s.byIdInput),
  'consumption.list': op<T.ConsumptionRecord[]>()(s.consumptionListInput),

  'stats.account': op<T.AccountStats>()(s.statsAccountInput),
  'stats.group': op<T.GroupStats>()(s.statsGroupInput),
  'stats.portfolio': op<T.PortfolioStats>()(s.statsPortfolioInput),
  'stats.pareto': op<T.ParetoStats>()(s.statsParetoInput),
  'stats.slipping': op<T.SlippingStats>()(s.statsSlippingInput),
  'stats.coverage': op<T.CoverageStats>()(s.statsCoverageInput),
  'stats.rebuild': op<T.RollupRebuildResult>()(s.noInput),

  'tiers.suggestions': op<T.TierSuggestions>()(s.tierSuggestionsInput),
  'tiers.apply': op<{ readonly changed: number }>()(s.tierApplyInput),
  'tiers.history': op<T.TierChange[]>()(s.byIdInput),

  'reminders.open': op<T.Reminder[]>()(s.remindersOpenInput),
  'reminders.acknowledge': op<{ visit: T.Visit | null }>()(s.reminderAcknowledgeInput),
  'reminders.snooze': op<{ until: string }>()(s.reminderSnoozeInput),

  /** The acting manager's agenda: overdue, today and the next days, with counts. */
  'agenda.list': op<T.Agenda>()(s.agendaListInput),
  /** Marks a follow-up done (synced); with `record`, also logs what was done as a visit. */
  'followUps.complete': op<T.FollowUpCompletion>()(s.followUpCompleteInput),
  /** Opens a done follow-up again (Undo). */
  'followUps.reopen': op<T.Visit>()(s.visitRefInput),
  /** Due one day later than the later of its due day and today. */
  'followUps.snooze': op<T.Visit>()(s.visitRefInput),
  'followUps.reschedule': op<T.Visit>()(s.followUpRescheduleInput),
  /** Marks done every open follow-up of the agenda due before a day (a backlog, as after an upgrade). */
  'followUps.completeOverdue': op<{ readonly completed: number }>()(s.followUpCompleteOverdueInput),
  /** A planned visit one day later (the same time of day). */
  'plannedVisits.snooze': op<T.Visit>()(s.visitRefInput),
  'plannedVisits.reschedule': op<T.Visit>()(s.plannedVisitRescheduleInput),

  'lookup.search': op<T.LookupResult>()(s.lookupInput),

  'audit.list': op<T.AuditEntry[]>()(s.auditListInput),

  'imports.stage': op<T.StagedImport>()(s.importStageInput),
  'imports.preview': op<T.ImportPreview>()(s.importOptionsInput),
  'imports.apply': op<T.ImportRecord>()(s.importOptionsInput),
  'imports.list': op<T.ImportRecord[]>()(s.importListInput),
  'imports.revert': op<T.ImportRevertResult>()(s.byIdInput),
  'imports.rejects': op<T.ImportRejects>()(s.importRejectsInput),

  // --- Sync ---
  'sync.export': op<T.SyncExport>()(s.syncExportInput),
  'sync.preview': op<T.SyncPreview>()(s.syncPreviewInput),
  'sync.import': op<T.SyncImportResult>()(s.syncImportInput),
  'sync.history': op<T.SyncHistoryEntry[]>()(s.syncHistoryInput),
  'sync.conflicts': op<T.SyncConflict[]>()(s.syncConflictsInput),
  'sync.resolveConflict': op<T.SyncConflict>()(s.syncResolveConflictInput),
  'sync.setPassphrase': op<T.SyncPassphraseStatus>()(s.syncSetPassphraseInput),
  'sync.clearPassphrase': op<T.SyncPassphraseStatus>()(s.noInput),
  // --- end of sync ---

  // --- CSV export ---
  'exports.csv': op<T.CsvExport>()(s.csvExportInput),
  // --- end of CSV export ---

  'settings.get': op<T.Settings>()(s.noInput),
  'settings.update': op<T.Settings>()(s.settingsUpdateInput),

  /** Whether the open book takes changes (read-only, damaged), and what opening it did. */
  'storage.get': op<T.StorageStatus>()(s.noInput),
  'storage.check': op<T.StorageCheck>()(s.noInput),
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

export type ApiHandlers = {
  readonly [N in OperationName]: (input: ParsedInputOf<N>, context: T.RequestContext) => OutputOf<N>;
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
