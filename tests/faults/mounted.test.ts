import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openFieldbook, type Fieldbook } from '../../db/service';
import type { ApiErrorData, ApiResult } from '../../shared/errors';
import { bookDigest } from './helpers';

/**
 * The faults as a disk gives them, on file systems mounted for the test: a tiny tmpfs that fills
 * up (ENOSPC), the same remounted read-only (EROFS, which stops root too), and an ext4 image shut
 * down under the open book (every I/O then fails with EIO, as when a USB disk goes away). They
 * need root and mount(8); elsewhere they are skipped and the max_page_count, read-only
 * connection and damaged-file tests (storageFaults.test.ts) stand in for them.
 */
const scratch = mkdtempSync(join(tmpdir(), 'fieldbook-faults-mount-'));
const mounts: string[] = [];
const books: Fieldbook[] = [];
const context = { actor: 'm001' };

function run(command: string, args: readonly string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function mountPoint(): string {
  const point = mkdtempSync(join(scratch, 'm-'));
  mkdirSync(point, { recursive: true });
  return point;
}

function mountTmpfs(size: string): string | null {
  const point = mountPoint();
  if (!run('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', point])) return null;
  mounts.push(point);
  return point;
}

function mountExt4(): string | null {
  const image = join(scratch, `ext4-${mounts.length}.img`);
  const point = mountPoint();
  if (!run('truncate', ['-s', '16M', image]) || !run('mkfs.ext4', ['-q', '-F', image])) return null;
  if (!run('mount', ['-o', 'loop', image, point])) return null;
  mounts.push(point);
  return point;
}

const canMount = mountTmpfs('64k') !== null;
if (!canMount) rmSync(scratch, { recursive: true, force: true });
const canShutDownExt4 = canMount && run('python3', ['-c', 'import fcntl']) && run('mkfs.ext4', ['-V']);

afterEach(() => {
  for (const book of books.splice(0)) {
    try {
      book.close();
    } catch {
      // A book on a disk that was shut down cannot flush; it is thrown away with the disk.
    }
  }
});
// A mount left behind would outlive the test run.
afterAll(cleanUp);

function cleanUp(): void {
  for (const point of mounts.splice(0).reverse()) run('umount', ['-l', point]);
  rmSync(scratch, { recursive: true, force: true });
}

function refusal(result: ApiResult<unknown>): ApiErrorData {
  if (result.ok) throw new Error('expected a refusal, the operation succeeded');
  return result.error;
}

async function open(path: string): Promise<Fieldbook> {
  const book = await openFieldbook(path, { busyTimeoutMs: 1000 });
  books.push(book);
  return book;
}

const largeAccount = (index: number) => ({
  kind: 'person',
  name: `林晓燕${index}`,
  notes: '备'.repeat(4000),
});

describe.skipIf(!canMount)('storage faults from real file systems (root, mount)', () => {
  it('a tmpfs that fills up: DISK_FULL (ENOSPC), what was saved before stays, the refused write is not there', async () => {
    const disk = mountTmpfs('1m');
    if (disk === null) throw new Error('tmpfs mounted once but not twice');
    const path = join(disk, 'fieldbook.db');
    const book = await open(path);
    let saved = 0;
    let error: ApiErrorData | null = null;
    for (; saved < 200 && error === null; saved++) {
      const result = book.dispatch('accounts.create', largeAccount(saved), context);
      if (!result.ok) error = result.error;
    }
    saved--;
    expect(error).toMatchObject({ code: 'DISK_FULL', details: { cause: 'SQLITE_FULL' } });
    const before = bookDigest(path);
    expect(refusal(book.dispatch('accounts.create', largeAccount(saved), context)).code).toBe('DISK_FULL');
    expect(bookDigest(path)).toBe(before);
    const list = book.dispatch('accounts.list', {}, context);
    expect(list.ok && (list.value as { total: number }).total).toBe(saved);
    // The log beside the book is on the full disk too: its lines are lost, nothing else is.
  });

  it('a disk remounted read-only: the book opens for reading only, and a write is READ_ONLY, even for root', async () => {
    const disk = mountTmpfs('4m');
    if (disk === null) throw new Error('tmpfs mounted once but not twice');
    const path = join(disk, 'fieldbook.db');
    const book = await open(path);
    expect(book.dispatch('accounts.create', { kind: 'person', name: '张三' }, context).ok).toBe(true);
    books.splice(0);
    book.close();
    expect(run('mount', ['-o', 'remount,ro', disk])).toBe(true);

    const reopened = await openFieldbook(path);
    try {
      expect(reopened.storage()).toMatchObject({ writable: false, reason: 'not-writable' });
      expect(reopened.dispatch('lookup.search', { query: '张三' }, context).ok).toBe(true);
      const refused = reopened.dispatch('accounts.create', { kind: 'person', name: '李四' }, context);
      expect(refused.ok ? null : refused.error.code).toBe('READ_ONLY');
    } finally {
      reopened.close();
    }
  });

  it.skipIf(!canShutDownExt4)(
    'an ext4 disk that fails under the open book (EIO): DB_IO, and reads after it say DB_IO too',
    async () => {
      const disk = mountExt4();
      if (disk === null) throw new Error('could not mount an ext4 image');
      const book = await open(join(disk, 'fieldbook.db'));
      expect(book.dispatch('accounts.create', { kind: 'person', name: '张三' }, context).ok).toBe(true);
      // EXT4_IOC_SHUTDOWN (_IOR('X', 125, __u32)) with EXT4_GOING_FLAGS_NOLOGFLUSH: all I/O fails.
      execFileSync('python3', [
        '-c',
        'import fcntl, os, struct, sys\n' +
          'fd = os.open(sys.argv[1], os.O_RDONLY)\n' +
          "fcntl.ioctl(fd, 0x8004587d, struct.pack('I', 2))",
        disk,
      ]);

      const error = refusal(book.dispatch('accounts.create', { kind: 'person', name: '李四' }, context));
      expect(error.code).toBe('DB_IO');
      expect(error.details).toEqual({ cause: expect.stringMatching(/^SQLITE_IOERR/) as unknown });
      // SQLite reads the failed disk's pages as a damaged file; the user is told about the disk.
      const read = refusal(book.dispatch('accounts.list', {}, context));
      expect(read.code).toBe('DB_IO');
    },
  );
});
