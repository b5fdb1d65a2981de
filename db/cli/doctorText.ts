import type { DoctorReport } from './doctor';

const megabytes = (bytes: number) =>
  bytes >= 1 << 30 ? `${(bytes / (1 << 30)).toFixed(2)} GiB` : `${(bytes / (1 << 20)).toFixed(1)} MiB`;

/** The doctor's report for a terminal: one line per finding, problems last. */
export function formatDoctorReport(report: DoctorReport): string {
  const { versions, book, schema, integrity, jobThread, log } = report;
  const row = (label: string, text: string) => `${label.padEnd(20)}${text}`;
  const schemaText =
    schema === null
      ? '—'
      : schema.state === 'current' || schema.state === 'behind'
        ? `${schema.version || '(empty)'} (${schema.applied} of ${schema.known} migrations${schema.state === 'behind' ? '; the next start upgrades it, after a verified copy' : ''})`
        : `${schema.state}: ${schema.detail ?? ''}`;
  const lines = [
    row('Fieldbook', versions.fieldbook),
    row('Node.js', versions.node),
    row('SQLite', `${versions.sqlite} (better-sqlite3 ${versions.betterSqlite3})`),
    row(
      'Book',
      book.exists
        ? `${book.path} (${megabytes(book.bytes)}${book.walBytes > 0 ? `, WAL ${megabytes(book.walBytes)}` : ''})${book.isDefault ? ', the default' : ''}`
        : `${book.path}: no such file`,
    ),
    row('Schema', schemaText),
    row(
      'Integrity',
      integrity === null
        ? '—'
        : `${integrity.ok ? 'ok' : `DAMAGED: ${integrity.problems.join('; ')}`} (quick_check, ${integrity.seconds.toFixed(1)} s)`,
    ),
    row(
      'Writable',
      report.writable.ok ? 'yes' : `no${report.writable.reason ? `: ${report.writable.reason}` : ''}`,
    ),
    row(
      'Write lock',
      report.lock === 'free'
        ? 'free'
        : report.lock === 'held'
          ? 'held by another program (changes wait, then DB_BUSY)'
          : 'not tried',
    ),
    row(
      'Encrypted',
      report.encrypted
        ? `yes (AEGIS-256)${report.signedIn ? '' : '; schema, integrity and job thread need --user to be checked'}`
        : 'no',
    ),
    row(
      'Users',
      report.keyRingUsers === null
        ? 'none (no key ring: the book has not been set up with users)'
        : `${report.keyRingUsers} with a password on this computer`,
    ),
    row(
      'Verified backup',
      report.backups.newest
        ? `${report.backups.newest.path} (${report.backups.newest.at}; ${report.backups.count} in all)`
        : 'none yet (fieldbook backup create; the app takes one a day)',
    ),
    ...(report.verifiedCopy
      ? [
          row(
            'Upgrade copy',
            `${report.verifiedCopy.path} (${report.verifiedCopy.at}; kept until a check passes)`,
          ),
        ]
      : []),
    row(
      'Job thread',
      jobThread.ok
        ? `answers (${jobThread.milliseconds ?? 0} ms; ${jobThread.script ?? ''})`
        : jobThread.error !== null
          ? `FAILED: ${jobThread.error} (${jobThread.script ?? ''})`
          : `not tried${jobThread.script === null ? ' (no job thread script)' : ''}`,
    ),
    row('Log', `${log.path}: ${log.entries} entries${log.bytes > 0 ? `, ${megabytes(log.bytes)}` : ''}`),
    ...log.last.map((line) => `${' '.repeat(20)}${line}`),
    '',
    report.problems.length === 0
      ? 'No problems found.'
      : `Problems:\n${report.problems.map((p) => `  ${p}`).join('\n')}`,
  ];
  return lines.join('\n');
}
