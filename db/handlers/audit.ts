import type { ApiHandlers } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import { auditExportLimit } from '../../shared/schemas';
import type { AuditListedEntry } from '../../shared/types';
import { auditCsv } from '../audit/csv';
import type { Db } from '../connection';
import {
  accountsOfEntries,
  auditPage,
  distinctAuditValues,
  type AuditFilters,
  type AuditRow,
} from '../queries/audit';
import { appendAudit } from '../write';

const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

const entryOf = (row: AuditRow) => ({
  id: row.id,
  at: row.at,
  actor: row.actor,
  action: row.action,
  entity: row.entity,
  entityId: row.entity_id,
  before: parse(row.before),
  after: parse(row.after),
});

function listed(db: Db, rows: readonly AuditRow[]): AuditListedEntry[] {
  const accounts = accountsOfEntries(db, rows);
  return rows.map((row) => {
    const account = accounts.get(row.id);
    return {
      ...entryOf(row),
      accountId: account?.id ?? null,
      accountName: account?.name ?? null,
      erased: parse(row.erased),
    };
  });
}

const dayStamp = (date = new Date()) =>
  `${date.getFullYear()}${String(date.getMonth() + 1).padStart(2, '0')}${String(date.getDate()).padStart(2, '0')}`;

/** Every entry the filters match, newest first, read in pages (each with its accounts). */
function* allEntries(db: Db, filters: AuditFilters): Generator<AuditListedEntry> {
  let beforeId: number | undefined;
  for (;;) {
    const page = auditPage(db, filters, { beforeId, limit: 1000 });
    yield* listed(db, page.rows);
    if (!page.more) return;
    beforeId = page.rows.at(-1)?.id;
  }
}

export function auditHandlers(
  db: Db,
): Pick<ApiHandlers, 'audit.list' | 'audit.page' | 'audit.facets' | 'audit.export'> {
  return {
    'audit.list': ({ beforeId, limit, ...filters }) =>
      auditPage(db, filters, { beforeId, limit }).rows.map(entryOf),
    'audit.page': ({ beforeId, limit, ...filters }) => {
      const page = auditPage(db, filters, { beforeId, limit });
      return { entries: listed(db, page.rows), more: page.more };
    },
    'audit.facets': () => ({
      actions: distinctAuditValues(db, 'action'),
      actors: distinctAuditValues(db, 'actor'),
      entities: distinctAuditValues(db, 'entity'),
    }),
    'audit.export': ({ language, ...filters }, { actor }) => {
      // One snapshot: the file and the row count it records agree even while others write.
      const ownSnapshot = !db.sqlite.inTransaction;
      if (ownSnapshot) db.sqlite.exec('BEGIN');
      let entries: AuditListedEntry[];
      try {
        entries = [];
        for (const entry of allEntries(db, filters)) {
          if (entries.length === auditExportLimit)
            throw new ApiError(
              'EXPORT_TOO_LARGE',
              `Over ${auditExportLimit} entries match; narrow the filters`,
              {
                details: { maxRows: auditExportLimit },
              },
            );
          entries.push(entry);
        }
      } finally {
        if (ownSnapshot) db.sqlite.exec('COMMIT');
      }
      const csv = auditCsv(entries, language);
      // A read-only book (damaged, on a read-only medium) still exports; it cannot record it.
      if (!db.readonly)
        appendAudit(db, {
          actor,
          action: 'export',
          entity: 'audit',
          entityId: null,
          before: null,
          after: { filters, rows: entries.length },
        });
      return {
        fileName: `fieldbook-audit-${dayStamp()}.csv`,
        contentBase64: Buffer.from(csv, 'utf8').toString('base64'),
        mediaType: 'text/csv',
        rows: { audit: entries.length },
      };
    },
  };
}
