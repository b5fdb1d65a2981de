import type { ApiHandlers } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import type { CsvExport } from '../../shared/types';
import type { Db } from '../connection';
import { ownersInScope } from '../access/scope';
import { exportCsv, type ExportFilters } from '../exports/index';
import { zipInMemory } from '../exports/zip';

/**
 * `exports.csv` for windows: the files are built in memory and returned as base64, so the
 * renderer can save them with a download. Larger exports (head office's 5 million bills) are
 * refused with `EXPORT_TOO_LARGE`; `fieldbook export-csv` streams any size to files.
 */
export const defaultMaxExportBytes = 64 * 1024 * 1024;

const two = (value: number) => String(value).padStart(2, '0');
/**
 * An export's name says who made it and when (to the minute), so a file found on a USB stick or
 * in a mailbox leads back to its audit entry: `fieldbook-accounts-m001-20261206-0930.csv`.
 */
const stampOf = (actor: string, date = new Date()) =>
  `${actor.replace(/[^\w.-]+/g, '_') || 'unknown'}-${date.getFullYear()}${two(date.getMonth() + 1)}${two(date.getDate())}-${two(date.getHours())}${two(date.getMinutes())}`;

export function exportHandlers(
  db: Db,
  options: { maxBytes?: number } = {},
): Pick<ApiHandlers, 'exports.csv'> {
  const maxBytes = options.maxBytes ?? defaultMaxExportBytes;
  return {
    'exports.csv': ({ tables, language, owner, region, tiers, from, to, purpose }, context): CsvExport => {
      const { actor } = context;
      const filters: ExportFilters = { owners: ownersInScope(owner, context), region, tiers, from, to };
      const files = new Map<string, Uint8Array[]>();
      let total = 0;
      const rows = exportCsv(db, actor, { tables, language, filters, purpose }, (table) => {
        const parts: Uint8Array[] = [];
        files.set(table.fileName, parts);
        return {
          write(bytes) {
            total += bytes.length;
            if (total > maxBytes)
              throw new ApiError(
                'EXPORT_TOO_LARGE',
                `The export is over ${Math.round(maxBytes / 1024 / 1024)} MB; use fieldbook export-csv`,
                { details: { maxBytes, table: table.table } },
              );
            parts.push(bytes);
          },
          close() {},
        };
      });
      const stamp = stampOf(actor);
      const [single] = files;
      if (files.size === 1 && single) {
        const [fileName, parts] = single;
        return {
          fileName: `fieldbook-${fileName.replace(/\.csv$/, '')}-${stamp}.csv`,
          contentBase64: Buffer.concat(parts).toString('base64'),
          mediaType: 'text/csv',
          rows,
        };
      }
      const zip = zipInMemory(
        Object.fromEntries([...files].map(([name, parts]) => [name, Buffer.concat(parts)])),
      );
      return {
        fileName: `fieldbook-export-${stamp}.zip`,
        contentBase64: Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength).toString('base64'),
        mediaType: 'application/zip',
        rows,
      };
    },
  };
}
