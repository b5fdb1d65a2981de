import fc from 'fast-check';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { latestMigration } from '../../db/migrations/index';
import { newId } from '../../db/ids';
import { encodeBundle, readManifest, type EncodeInput } from '../../db/sync/bundleFile';
import { formerKdf } from '../../db/sync/bundleKey';
import { decodeBundle } from './decodeBundle';
import type { SyncOp } from '../../db/sync/ops';
import { ApiError } from '../../shared/errors';

/*
 * Round trips and the refusals a user meets in normal life (wrong passphrase, a file from a
 * newer Fieldbook, a file that is not a bundle). Damage and forgery: syncBundle.damage.test.ts.
 */

// The cheapest scrypt the decoder accepts, so each encode/decode costs milliseconds.
const kdf = { log2N: 10, r: 8, p: 1 };
const passphrase = '青山 team 2026';
const node = '0123456789abcdef';
const clock = '2026-11-27T08:00:00.000Z-0000-0123456789abcdef';
const later = '2026-11-27T09:30:00.000Z-0003-fedcba9876543210';
const manifest: EncodeInput['manifest'] = {
  bundleId: newId(),
  sourceNode: node,
  schemaVersion: latestMigration,
  versionVector: { [node]: clock, fedcba9876543210: later },
  createdAt: '2026-11-28T10:00:00.000Z',
};
const latest = { latestSchemaVersion: latestMigration };

const encode = (ops: readonly SyncOp[], extra: Partial<EncodeInput> = {}) =>
  encodeBundle({ manifest, ops, passphrase, kdf, ...extra });

/** The error code a call throws, or 'ok' when it returns. */
function outcome(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (error) {
    if (error instanceof ApiError) return error.code;
    throw error;
  }
}

const sampleOps: SyncOp[] = [
  {
    t: 'accounts',
    id: newId(),
    h: clock,
    row: { kind: 'person', name: '曾小贤', address: '广东省汕头市 "金平区"\n二楼', notes: null, deleted: 0 },
    f: { name: later },
  },
  { t: 'visits', id: newId(), c: 'content', v: '回访：客户满意 😀，下月续约', h: later },
  { t: 'consumption', id: newId(), c: 'amount_fen', v: -1250, h: clock },
  { t: 'anniversaries', id: newId(), c: 'note', v: null, h: clock },
  { t: 'consumption', id: newId(), c: 'quantity', v: 2.5, h: clock },
];

describe('sync bundle round trip', () => {
  it('returns the ops and manifest it was given, Chinese text, newlines and nulls included', () => {
    const decoded = decodeBundle(encode(sampleOps), passphrase, latest);
    expect(decoded.ops).toEqual(sampleOps);
    expect(decoded.manifest).toEqual({ ...manifest, opCount: sampleOps.length });
  });

  it('carries an empty payload', () => {
    const decoded = decodeBundle(encode([]), passphrase, latest);
    expect(decoded.ops).toEqual([]);
    expect(decoded.manifest.opCount).toBe(0);
  });

  it('carries a payload larger than one gzip member, compressed', () => {
    const ops: SyncOp[] = Array.from({ length: 60_000 }, (_, index) => ({
      t: 'visits',
      id: newId(),
      c: 'content',
      v: `第 ${index} 次拜访：讨论了续约和新的理财产品。`,
      h: clock,
    }));
    const ndjsonBytes = Buffer.byteLength(ops.map((op) => `${JSON.stringify(op)}\n`).join(''));
    expect(ndjsonBytes).toBeGreaterThan(4 << 20);
    const file = encode(ops);
    expect(file.length).toBeLessThan(ndjsonBytes / 3);
    expect(decodeBundle(file, passphrase, latest).ops).toEqual(ops);
  });

  it('property: any ops the format allows come back unchanged', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 40 });
    const value = fc.oneof(
      text,
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constant(null),
    );
    const fieldOp = fc.record({
      t: fc.constant('visits' as const),
      id: fc.uuid().map((id) => id.toLowerCase()),
      c: fc.constantFrom('content', 'feedback', 'kind', 'deleted'),
      v: value,
      h: fc.constantFrom(clock, later),
    });
    fc.assert(
      fc.property(fc.array(fieldOp, { maxLength: 30 }), (ops) => {
        // -0 becomes 0 in JSON, as it does in SQLite.
        const expected = ops.map((op) => (Object.is(op.v, -0) ? { ...op, v: 0 } : op));
        expect(decodeBundle(encode(ops), passphrase, latest).ops).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('uses a fresh salt and IV for every file', () => {
    const first = encode(sampleOps);
    const second = encode(sampleOps);
    expect(first.subarray(13, 41).equals(second.subarray(13, 41))).toBe(false);
  });

  it('uses scrypt N=2^17, r=8, p=1 by default and reads it back from the header', () => {
    const file = encodeBundle({ manifest, ops: sampleOps, passphrase });
    expect([...file.subarray(10, 13)]).toEqual([17, 8, 1]);
    expect(decodeBundle(file, passphrase, latest).ops).toEqual(sampleOps);
  });

  it('still opens files made at the former cost, N=2^15', () => {
    const file = encodeBundle({ manifest, ops: sampleOps, passphrase, kdf: formerKdf });
    expect([...file.subarray(10, 13)]).toEqual([15, 8, 1]);
    expect(decodeBundle(file, passphrase, latest).ops).toEqual(sampleOps);
  });

  it('accepts the passphrase in either Unicode normalization', () => {
    const composed = 'Café 青山';
    const file = encode(sampleOps, { passphrase: composed });
    expect(decodeBundle(file, composed.normalize('NFD'), latest).ops).toEqual(sampleOps);
  });
});

describe('reading the manifest without the passphrase', () => {
  it('shows who sent the file and when', () => {
    expect(readManifest(encode(sampleOps))).toEqual({ ...manifest, opCount: sampleOps.length });
  });

  it('refuses what is not a bundle, like decoding does', () => {
    expect(outcome(() => readManifest(Buffer.from('name,phone\n张三,13800138000\n')))).toBe(
      'SYNC_NOT_A_BUNDLE',
    );
  });
});

describe('refusals a user meets', () => {
  it('refuses a wrong passphrase with WRONG_KEY', () => {
    const file = encode(sampleOps);
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (guess) => {
        fc.pre(guess.normalize('NFC') !== passphrase);
        expect(outcome(() => decodeBundle(file, guess, latest))).toBe('SYNC_WRONG_KEY');
      }),
      { numRuns: 25 },
    );
  });

  it('refuses a file from a newer schema with TOO_NEW, and accepts older ones', () => {
    const future = encode(sampleOps, { manifest: { ...manifest, schemaVersion: '20991231_0001_future' } });
    expect(outcome(() => decodeBundle(future, passphrase, latest))).toBe('SYNC_TOO_NEW');
    // The preview still shows it, so the user learns who sent a file they must update for.
    expect(readManifest(future).schemaVersion).toBe('20991231_0001_future');
    const older = encode(sampleOps, { manifest: { ...manifest, schemaVersion: '20261127_0001_initial' } });
    expect(decodeBundle(older, passphrase, latest).manifest.schemaVersion).toBe('20261127_0001_initial');
  });

  it('refuses a newer format version with TOO_NEW, and version 0 as CORRUPT', () => {
    const withVersion = (version: number) => {
      const file = Buffer.from(encode(sampleOps));
      file.writeUInt16BE(version, 8);
      file.writeUInt32BE(crc32(file.subarray(0, file.length - 4)), file.length - 4);
      return file;
    };
    expect(outcome(() => decodeBundle(withVersion(3), passphrase, latest))).toBe('SYNC_TOO_NEW');
    expect(outcome(() => readManifest(withVersion(0xffff)))).toBe('SYNC_TOO_NEW');
    expect(outcome(() => decodeBundle(withVersion(0), passphrase, latest))).toBe('SYNC_CORRUPT');
    expect(decodeBundle(withVersion(1), passphrase, latest).ops).toEqual(sampleOps);
  });

  it('refuses files that are not bundles with NOT_A_BUNDLE', () => {
    const notBundles = [
      Buffer.alloc(0),
      Buffer.from('\ufeff客户名称,电话\n'),
      Buffer.from('FBSYNX\0\x1a-rest-of-file'),
      Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00]),
    ];
    for (const bytes of notBundles) {
      expect(outcome(() => decodeBundle(bytes, passphrase, latest))).toBe('SYNC_NOT_A_BUNDLE');
    }
  });

  it('carries a code the UI translates and details, never a stack', () => {
    try {
      decodeBundle(encode(sampleOps), 'not it', latest);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).toData()).toEqual({
        code: 'SYNC_WRONG_KEY',
        message: 'the file was made with a different passphrase',
      });
    }
  });
});

describe('encoding refuses what decoding would refuse', () => {
  it('an op outside the synced-column allowlist', () => {
    const local = { t: 'accounts', id: newId(), c: 'name_pinyin', v: 'zengxiaoxian', h: clock } as const;
    expect(() => encode([...sampleOps, local])).toThrow(/accounts\.name_pinyin is not a synced column/);
  });

  it('an empty passphrase and scrypt parameters outside the bounds', () => {
    expect(() => encode(sampleOps, { passphrase: '' })).toThrow(/passphrase/);
    expect(() => encode(sampleOps, { kdf: { log2N: 9, r: 8, p: 1 } })).toThrow(/scrypt/);
    expect(() => encode(sampleOps, { kdf: { log2N: 20, r: 8, p: 1 } })).toThrow(/scrypt/);
  });

  it('a manifest that does not fit the schema', () => {
    expect(() => encode(sampleOps, { manifest: { ...manifest, sourceNode: 'laptop-1' } })).toThrow();
  });
});
