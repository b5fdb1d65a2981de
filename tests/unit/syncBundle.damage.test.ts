import fc from 'fast-check';
import { createCipheriv, createHmac, randomBytes, scryptSync } from 'node:crypto';
import { crc32, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { newId } from '../../db/ids';
import { encodeBundle, openBundle, readManifest } from '../../db/sync/bundleFile';
import { decodeBundle } from './decodeBundle';
import type { SyncOp } from '../../db/sync/ops';
import { ApiError } from '../../shared/errors';

/*
 * Damage (accidental) and forgery (deliberate, CRC recomputed): every file is refused with the
 * code the decision table in db/sync/bundleFile.ts promises, and never returns ops.
 */

const kdf = { log2N: 10, r: 8, p: 1 };
const passphrase = 'correct horse 青山';
const schema = '20261128_0004_tier_source';
const latest = { latestSchemaVersion: schema };
const clock = '2026-11-27T08:00:00.000Z-0000-0123456789abcdef';
const manifest = {
  bundleId: newId(),
  sourceNode: '0123456789abcdef',
  schemaVersion: schema,
  versionVector: {},
  createdAt: '2026-11-28T10:00:00.000Z',
};
const ops: SyncOp[] = [
  {
    t: 'accounts',
    id: newId(),
    h: clock,
    row: { kind: 'company', name: '汕头青山贸易有限公司', deleted: 0 },
  },
  { t: 'account_phones', id: newId(), c: 'number', v: '0754-88881234', h: clock },
];
const file = encodeBundle({ manifest, ops, passphrase, kdf });

function outcome(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (error) {
    if (error instanceof ApiError) return error.code;
    throw error;
  }
}
const decode = (bytes: Buffer) => outcome(() => decodeBundle(bytes, passphrase, latest));

function flipped(bytes: Buffer, at: number, mask: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = (copy[at] ?? 0) ^ mask;
  return copy;
}
/** What someone who changed the file would do so that it no longer looks damaged. */
function withFixedCrc(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  copy.writeUInt32BE(crc32(copy.subarray(0, copy.length - 4)), copy.length - 4);
  return copy;
}

/**
 * An encoder written from the layout in the doc comment only, so it can write what
 * `encodeBundle` never would: ops outside the allowlist, bad JSON, a lying op count.
 */
function craft({
  manifest: manifestValue = { ...manifest, opCount: ops.length } as unknown,
  payload = gzipSync(ops.map((op) => `${JSON.stringify(op)}\n`).join('')),
}: { manifest?: unknown; payload?: Buffer } = {}): Buffer {
  // A Buffer is the manifest's raw bytes; anything else is JSON-encoded.

  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = scryptSync(passphrase, salt, 32, { N: 1024, r: 8, p: 1 });
  const manifestBytes = Buffer.isBuffer(manifestValue)
    ? manifestValue
    : Buffer.from(JSON.stringify(manifestValue));
  const lengths = Buffer.alloc(7);
  lengths.writeUInt16BE(1, 0);
  lengths.set([10, 8, 1], 2);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(manifestBytes.length);
  const check = createHmac('sha256', key).update('fieldbook key check').digest().subarray(0, 16);
  const magic = Buffer.from('FBSYNC\0\x1a', 'latin1');
  const aad = Buffer.concat([magic, lengths.subarray(0, 5), salt, iv, check, length, manifestBytes]);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad);
  const sealed = Buffer.concat([aad, cipher.update(payload), cipher.final(), cipher.getAuthTag()]);
  return withFixedCrc(Buffer.concat([sealed, Buffer.alloc(4)]));
}
const ndjson = (lines: readonly unknown[]) =>
  gzipSync(lines.map((line) => `${JSON.stringify(line)}\n`).join(''));

describe('accidental damage', () => {
  it('every single-bit flip anywhere: NOT_A_BUNDLE in the magic, CORRUPT elsewhere', () => {
    for (let at = 0; at < file.length; at += 1) {
      const expected = at < 8 ? 'SYNC_NOT_A_BUNDLE' : 'SYNC_CORRUPT';
      for (let bit = 0; bit < 8; bit += 1) {
        const damaged = flipped(file, at, 1 << bit);
        expect({ at, bit, code: decode(damaged) }).toEqual({ at, bit, code: expected });
        expect({ at, bit, code: outcome(() => readManifest(damaged)) }).toEqual({ at, bit, code: expected });
      }
    }
  });

  it('property: any byte changed to any other value, in files of any content', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 200 });
    fc.assert(
      fc.property(text, fc.nat(), fc.integer({ min: 1, max: 255 }), (content, where, mask) => {
        const op: SyncOp = { t: 'visits', id: newId(), c: 'content', v: content, h: clock };
        const bytes = encodeBundle({ manifest, ops: [op], passphrase, kdf });
        const at = where % bytes.length;
        expect(decode(flipped(bytes, at, mask))).toBe(at < 8 ? 'SYNC_NOT_A_BUNDLE' : 'SYNC_CORRUPT');
      }),
      { numRuns: 150 },
    );
  });

  it('every truncation: NOT_A_BUNDLE when empty, CORRUPT otherwise', () => {
    for (let length = 0; length < file.length; length += 1) {
      const expected = length === 0 ? 'SYNC_NOT_A_BUNDLE' : 'SYNC_CORRUPT';
      expect({ length, code: decode(file.subarray(0, length)) }).toEqual({ length, code: expected });
    }
  });

  it('bytes appended after the end: CORRUPT', () => {
    expect(decode(Buffer.concat([file, Buffer.from([0])]))).toBe('SYNC_CORRUPT');
    expect(decode(Buffer.concat([file, file]))).toBe('SYNC_CORRUPT');
  });
});

describe('deliberate changes, with the checksum recomputed', () => {
  /** Region → the codes a one-bit change in it may give (see the layout). */
  function expectedCodes(at: number, changed: Buffer): string[] {
    if (at < 8) return ['SYNC_NOT_A_BUNDLE'];
    if (at < 10) return [changed.readUInt16BE(8) > 1 ? 'SYNC_TOO_NEW' : 'SYNC_CORRUPT'];
    if (at < 13) return ['SYNC_WRONG_KEY', 'SYNC_CORRUPT']; // in or out of the scrypt bounds
    if (at < 29) return ['SYNC_WRONG_KEY']; // salt: another key
    if (at < 41) return ['SYNC_TAMPERED']; // IV
    if (at < 57) return ['SYNC_WRONG_KEY']; // key check
    if (at < 61) return ['SYNC_CORRUPT', 'SYNC_TAMPERED']; // manifest length: may still fit
    return ['SYNC_TAMPERED']; // manifest, ciphertext, tag
  }

  it('every byte before the checksum, one bit each', () => {
    for (let at = 0; at < file.length - 4; at += 1) {
      const changed = withFixedCrc(flipped(file, at, 1 << (at % 8)));
      expect({ at, code: decode(changed) }).toEqual({
        at,
        code: expect.toBeOneOf(expectedCodes(at, changed)),
      });
    }
  });

  it('property: any byte of the manifest, ciphertext or tag, any change → TAMPERED', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 61, max: file.length - 5 }),
        fc.integer({ min: 1, max: 255 }),
        (at, mask) => {
          expect(decode(withFixedCrc(flipped(file, at, mask)))).toBe('SYNC_TAMPERED');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a forged manifest cannot pass as "too new": TAMPERED', () => {
    const at = file.indexOf(schema) + 1; // "2026…" → "2926…"
    expect(at).toBeGreaterThan(61); // in the manifest, which is readable without the key
    const forged = withFixedCrc(flipped(file, at, '0'.charCodeAt(0) ^ '9'.charCodeAt(0)));
    expect(readManifest(forged).schemaVersion).toBe(`29${schema.slice(2)}`);
    expect(decode(forged)).toBe('SYNC_TAMPERED');
  });
});

describe('authentic files with content the app refuses', () => {
  const id = newId();

  it('the hand-built reference file decodes (so the refusals below are about content)', () => {
    expect(decodeBundle(craft(), passphrase, latest).ops).toEqual(ops);
  });

  const refused: [string, unknown[]][] = [
    ['a table that does not sync', [{ t: 'audit_log', id, c: 'actor', v: 'x', h: clock }]],
    ['a column outside the allowlist', [{ t: 'accounts', id, c: 'password', v: 'x', h: clock }]],
    ['a local column (search key)', [{ t: 'accounts', id, c: 'name_pinyin', v: 'x', h: clock }]],
    ['the sync counter', [{ t: 'visits', id, c: 'seq', v: 1, h: clock }]],
    ['a row with a column outside the allowlist', [{ t: 'visits', id, h: clock, row: { rid: 7 } }]],
    ['a row carrying its own clock', [{ t: 'visits', id, h: clock, row: { hlc: clock } }]],
    // Computed keys make "__proto__" an own key, as JSON.parse does with the text.
    ['a row with a "__proto__" column', [{ t: 'visits', id, h: clock, row: { ['__proto__']: 'x' } }]],
    ['a "__proto__" field clock', [{ t: 'visits', id, h: clock, row: {}, f: { ['__proto__']: clock } }]],
    ['a field clock without its value', [{ t: 'visits', id, h: clock, row: {}, f: { content: clock } }]],
    ['a malformed clock', [{ t: 'visits', id, c: 'content', v: 'x', h: '2026-11-27 08:00' }]],
    [
      'a clock before the year 2000',
      [{ t: 'visits', id, c: 'content', v: 'x', h: '1999-12-31T23:59:59.999Z-0000-fedcba9876543210' }],
    ],
    [
      'a clock on a day that does not exist',
      [{ t: 'visits', id, c: 'content', v: 'x', h: '2026-02-30T08:00:00.000Z-0000-fedcba9876543210' }],
    ],
    [
      'an id that is not a UUID',
      [{ t: 'visits', id: '1; DROP TABLE visits', c: 'content', v: 'x', h: clock }],
    ],
    ['a boolean value', [{ t: 'visits', id, c: 'deleted', v: true, h: clock }]],
    ['an object value', [{ t: 'visits', id, c: 'content', v: { nested: 1 }, h: clock }]],
    ['an unknown op key', [{ t: 'visits', id, c: 'content', v: 'x', h: clock, by: 'admin' }]],
  ];
  it.each(refused)('an op with %s: INVALID_CONTENT, with the line', (_, lines) => {
    const bytes = craft({ manifest: { ...manifest, opCount: lines.length }, payload: ndjson(lines) });
    expect(() => decodeBundle(bytes, passphrase, latest)).toThrow(
      expect.objectContaining({
        code: 'SYNC_INVALID_CONTENT',
        details: expect.objectContaining({ line: 1 }),
      }),
    );
  });

  const broken: [string, { manifest?: unknown; payload?: Buffer }][] = [
    ['an op count that differs', { manifest: { ...manifest, opCount: 3 } }],
    ['a payload that is not gzip', { payload: Buffer.from('{"t":"visits"}\n') }],
    ['a line that is not JSON', { payload: gzipSync('{"t":\n') }],
    [
      'invalid UTF-8',
      { manifest: { ...manifest, opCount: 1 }, payload: gzipSync(Buffer.from([0x22, 0xc3, 0x22, 0x0a])) },
    ],
    ['a last line without its newline', { payload: gzipSync(JSON.stringify(ops[0])) }],
    ['an empty line', { payload: gzipSync('\n') }],
    ['a manifest without an op count', { manifest: { ...manifest } }],
    [
      'a manifest with a source that is not a node id',
      { manifest: { ...manifest, opCount: 2, sourceNode: 'x' } },
    ],
    ['a manifest that is not JSON', { manifest: Buffer.from('{"opCount":2') }],
    ['a manifest that is not an object', { manifest: [manifest] }],
  ];
  it.each(broken)('%s: INVALID_CONTENT', (_, parts) => {
    expect(decode(craft(parts))).toBe('SYNC_INVALID_CONTENT');
  });

  const text = ops.map((op) => `${JSON.stringify(op)}\n`).join('');
  const gzipped = gzipSync(text);
  /** A member as other tools write it: a file name and a comment in the header. */
  const named = Buffer.concat([
    Buffer.from([0x1f, 0x8b, 8, 8 | 16, 0, 0, 0, 0, 0, 3]),
    Buffer.from('ops.ndjson\0注释\0'),
    gzipped.subarray(10),
  ]);
  const framings: [string, Buffer][] = [
    [
      'a line split across two members',
      Buffer.concat([gzipSync(text.slice(0, 20)), gzipSync(text.slice(20))]),
    ],
    [
      'a member per op, and an empty one',
      Buffer.concat([...ops.map((op) => gzipSync(`${JSON.stringify(op)}\n`)), gzipSync('')]),
    ],
    ['a header with a file name and a comment', named],
    ['no members at all (no ops)', Buffer.alloc(0)],
  ];
  it.each(framings)('reads %s', (name, payload) => {
    const expected = payload.length === 0 ? [] : ops;
    const bytes = craft({ manifest: { ...manifest, opCount: expected.length }, payload });
    expect(decodeBundle(bytes, passphrase, latest).ops, name).toEqual(expected);
  });

  const trailerAt = gzipped.length - 8;
  const damaged: [string, Buffer][] = [
    ["a member's checksum", Buffer.from(gzipped).fill(0, trailerAt, trailerAt + 4)],
    ["a member's length", Buffer.concat([gzipped.subarray(0, trailerAt + 4), Buffer.from([1, 0, 0, 0])])],
    ['a member without its trailer', gzipped.subarray(0, trailerAt)],
    ['bytes after the last member', Buffer.concat([gzipped, Buffer.from('tail')])],
    [
      'a header with reserved flags',
      Buffer.concat([gzipped.subarray(0, 3), Buffer.from([0x20]), gzipped.subarray(4)]),
    ],
  ];
  it.each(damaged)('refuses %s as INVALID_CONTENT', (_, payload) => {
    expect(decode(craft({ payload }))).toBe('SYNC_INVALID_CONTENT');
  });

  it('hands the ops out in chunks of the size asked for, and each reading starts afresh', () => {
    const many = Array.from({ length: 7 }, () => ({ ...ops[0], id: newId() }) as SyncOp);
    const bytes = encodeBundle({ manifest, ops: many, passphrase, kdf });
    const bundle = openBundle(bytes, passphrase, latest);
    expect([...bundle.chunks(3)].map((chunk) => chunk.length)).toEqual([3, 3, 1]);
    expect([...bundle.chunks(3)].flat()).toEqual(many);
  });

  it('a bad line is met where it is: the chunks before it are handed out first', () => {
    const lines = [...ops, { t: 'audit_log', id, c: 'actor', v: 'x', h: clock }];
    const bundle = openBundle(
      craft({ manifest: { ...manifest, opCount: lines.length }, payload: ndjson(lines) }),
      passphrase,
      latest,
    );
    const chunks = bundle.chunks(2);
    expect(chunks.next().value).toEqual(ops);
    expect(() => chunks.next()).toThrow(expect.objectContaining({ code: 'SYNC_INVALID_CONTENT' }));
  });

  it('a newer schema is TOO_NEW even when its ops use columns this app lacks', () => {
    const lines = [{ t: 'accounts', id, c: 'wechat_id', v: 'qingshan88', h: clock }];
    const bytes = craft({
      manifest: { ...manifest, schemaVersion: '20270101_0009_wechat', opCount: 1 },
      payload: ndjson(lines),
    });
    expect(decode(bytes)).toBe('SYNC_TOO_NEW');
    expect(outcome(() => decodeBundle(bytes, 'wrong', latest))).toBe('SYNC_WRONG_KEY');
  });
});
