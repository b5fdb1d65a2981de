/** What an erasure removed: rows per entity, and audit entries whose values were blanked. */
export interface ErasureResult {
  readonly accountId: string;
  readonly rows: Readonly<Record<string, number>>;
  readonly auditEntries: number;
  /** The file was rebuilt after, so nothing is left in its free pages (false: not possible now). */
  readonly compacted: boolean;
}

/** Everything held about one account (a personal information request), as JSON and CSV text. */
export interface PersonalDataExport {
  readonly accountId: string;
  readonly json: string;
  readonly csv: string;
}
