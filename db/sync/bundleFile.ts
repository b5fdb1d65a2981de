import { createCipheriv, createDecipheriv, randomBytes, timingSafeEqual } from 'node:crypto';
import { crc32, gzipSync, inflateRawSync } from 'node:zlib';
import { ApiError, type ErrorCode } from '../../shared/errors';
import { checkKdf, defaultKdf, deriveKey, keyCheck, type KdfParams } from './bundleKey';
import { signBytes, type Signer } from '../access/signing';
import { checkOp, manifestSchema, plainRowOp, type BundleManifest, type SyncOp } from './ops';

/**
 * The sync bundle file: one self-contained, encrypted, authenticated file per export.
 *
 * Layout, format version 1 (integers big-endian):
 *
 *   offset  size  field
 *   0       8     magic 46 42 53 59 4E 43 00 1A ("FBSYNC", NUL so tools treat it as binary,
 *                 SUB so a text-mode `type` stops)
 *   8       2     format version (u16) = 1
 *   10      1     scrypt log2(N) (17 in new files, 15 in files from before; both open)
 *   11      1     scrypt r
 *   12      1     scrypt p
 *   13      16    scrypt salt (random per file)
 *   29      12    AES-256-GCM IV (random per file)
 *   41      16    key check: HMAC-SHA256(key, "fieldbook key check"), first 16 bytes
 *   57      4     manifest length M (≤ 1 MiB)
 *   61      M     manifest, UTF-8 JSON (see `manifestSchema`)
 *   61+M    C     ciphertext of the payload: gzip (one or more members) of NDJSON, one op per
 *                 line, each line ending in "\n"
 *   end-20  16    GCM tag; the associated data is bytes [0, 61+M): every header field
 *   end-4   4     CRC32 of bytes [0, end-4)
 *
 * Format version 2 is a signed file: the same, with 64 bytes between the tag and the CRC, the
 * exporting user's Ed25519 signature over every byte before it (header, manifest, ciphertext,
 * tag), and the signer named in the manifest (`exporter`). The team passphrase proves a file
 * came from the team; the signature, from which user (db/sync/signature.ts checks it against
 * the users this book knows). Books without users write version 1, unsigned.
 *
 * Magic, version and the trailing CRC are the envelope every future version keeps, so the
 * checks run in an order that gives each failure its own code:
 *
 *   1. the bytes do not start like the magic             → SYNC_NOT_A_BUNDLE
 *   2. shorter than the envelope, or CRC mismatch        → SYNC_CORRUPT (accidental damage:
 *      CRC32 catches every single-byte change and every truncation but 1 in 2^32, and it runs
 *      before the version is read so a flipped version byte is damage, not "too new")
 *   3. format version above 1                            → SYNC_TOO_NEW (version 0: CORRUPT)
 *   4. header lengths or scrypt parameters out of bounds → SYNC_CORRUPT
 *   5. key check differs                                 → SYNC_WRONG_KEY
 *   6. GCM authentication fails                          → SYNC_TAMPERED (the CRC was valid,
 *      so someone recomputed it after changing the manifest, IV, ciphertext or tag)
 *   7. manifest's schema version above the app's         → SYNC_TOO_NEW
 *   8. manifest, gzip, UTF-8, JSON, op shape, allowlist, op count → SYNC_INVALID_CONTENT
 *
 * Step 8 has its own code because the file is authentic: it was made with the team passphrase
 * and not changed since, so calling it damaged or tampered would send the user the wrong way;
 * the sender's Fieldbook produced something this one refuses. The schema version is checked
 * after authentication so a forged manifest cannot pass as "too new", and before the ops, so
 * a newer app's new columns read as "update Fieldbook", not as invalid.
 *
 * By construction, changing the salt, scrypt parameters or key check (and fixing the CRC)
 * reads as SYNC_WRONG_KEY: a different salt is a different key, as a different passphrase is.
 *
 * Memory: a file is read and written whole (it is what the user carries: ~40 bytes per op), but
 * its ops never are. Encoding takes them as an iterable and keeps only the compressed members
 * (NDJSON gzipped ~4 MiB at a time). Decoding authenticates the whole ciphertext first (step 6
 * needs all of it) and keeps the compressed payload; `OpenedBundle.chunks` then inflates one
 * member at a time and hands out the ops in chunks, so an import holds one chunk of decoded ops
 * whatever the file's size. The payload is checked as it is read: an import that meets a bad
 * line rolls back (it runs in one transaction), and a preview stops with the same error.
 * scrypt runs synchronously, like every handler.
 */

/** The newest format this app reads: 2, signed (1, unsigned, is still written by books without users). */
export const bundleFormatVersion = 2;
const signedFormat = 2;
const signatureLength = 64;

const magic = Buffer.from([0x46, 0x42, 0x53, 0x59, 0x4e, 0x43, 0x00, 0x1a]);
const fixedHeaderLength = 61;
const tagLength = 16;
const crcLength = 4;
const maxManifestBytes = 1 << 20;
/** One op per line; a line this long is not something the write path makes. */
const maxLineBytes = 1 << 20;
const gzipMemberBytes = 4 << 20;
/** Members are written ~4 MiB each; a reader holds one, so it refuses a huge one. */
const maxMemberBytes = 64 << 20;
/** Ops per chunk handed to the importer. */
export const defaultChunkSize = 5000;

export interface EncodeInput {
  /** Everything but `opCount`, which is counted from `ops`. */
  readonly manifest: Omit<BundleManifest, 'opCount'>;
  /** Read once, in order; an export's generator streams them from the database. */
  readonly ops: Iterable<SyncOp>;
  readonly passphrase: string;
  readonly kdf?: KdfParams;
  /** Signs the file (format 2) and names the signer in the manifest; absent: unsigned (format 1). */
  readonly signer?: Signer | undefined;
}

/** A signed file's signature and the bytes it covers, for db/sync/signature.ts to check. */
export interface BundleSignature {
  readonly signer: string;
  readonly signedBytes: Buffer;
  readonly signature: Buffer;
}

/** An authenticated file whose ops are read (and checked) as they are needed. */
export interface OpenedBundle {
  readonly manifest: BundleManifest;
  /**
   * The ops in file order, at most `size` at a time, each checked (`checkOp`); throws
   * SYNC_INVALID_CONTENT at the first bad line, or at the end when the count differs from the
   * manifest. Each call reads the payload afresh.
   */
  chunks(size?: number): Generator<SyncOp[]>;
  /** Null for an unsigned file (format 1). Not yet checked against any key. */
  readonly signature: BundleSignature | null;
}

export function encodeBundle({ manifest, ops, passphrase, kdf = defaultKdf, signer }: EncodeInput): Buffer {
  if (passphrase.length === 0) throw new Error('a sync bundle needs a team passphrase');
  const kdfProblem = checkKdf(kdf);
  if (kdfProblem) throw new Error(`scrypt parameters ${kdfProblem}`);
  // Never write a file that decoding would refuse: the same checks, on the way out.
  const members: Buffer[] = [];
  let lines: string[] = [];
  let pending = 0;
  let opCount = 0;
  for (const op of ops) {
    const check = checkOp(op);
    if (!check.ok) throw new Error(`op ${opCount}: ${check.reason}`);
    opCount += 1;
    const line = `${JSON.stringify(op)}\n`;
    lines.push(line);
    pending += line.length;
    if (pending >= gzipMemberBytes) {
      members.push(gzipSync(lines.join('')));
      lines = [];
      pending = 0;
    }
  }
  if (lines.length > 0 || members.length === 0) members.push(gzipSync(lines.join('')));
  const fullManifest = manifestSchema.parse({
    ...manifest,
    ...(signer ? { exporter: signer.code } : {}),
    opCount,
  });

  const manifestBytes = Buffer.from(JSON.stringify(fullManifest), 'utf8');
  if (manifestBytes.length > maxManifestBytes) throw new Error('manifest too large');
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = deriveKey(passphrase, salt, kdf);
  const header = Buffer.alloc(fixedHeaderLength);
  magic.copy(header, 0);
  header.writeUInt16BE(signer ? signedFormat : 1, 8);
  header.writeUInt8(kdf.log2N, 10);
  header.writeUInt8(kdf.r, 11);
  header.writeUInt8(kdf.p, 12);
  salt.copy(header, 13);
  iv.copy(header, 29);
  keyCheck(key).copy(header, 41);
  header.writeUInt32BE(manifestBytes.length, 57);
  const aad = Buffer.concat([header, manifestBytes]);

  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const sealed = [
    aad,
    ...members.map((member) => cipher.update(member)),
    cipher.final(),
    cipher.getAuthTag(),
  ];
  const signature = signer ? [signBytes(signer.key, Buffer.concat(sealed))] : [];
  const body = Buffer.concat([...sealed, ...signature, Buffer.alloc(crcLength)]);
  body.writeUInt32BE(crc32(body.subarray(0, body.length - crcLength)), body.length - crcLength);
  return body;
}

/**
 * The manifest without the passphrase, to preview who sent a file and when. It is NOT
 * authenticated (only `openBundle` proves it); show it, never act on it.
 */
export function readManifest(bytes: Uint8Array): BundleManifest {
  const envelope = openEnvelope(bytes);
  const parsed = parseManifest(envelope.manifestBytes);
  if (!parsed.success) fail('SYNC_CORRUPT', 'the manifest is not valid', parsed.problem);
  return parsed.manifest;
}

/**
 * Steps 1–7 and the manifest: the file is authentic, made with this passphrase, by a version
 * this one reads. The ops are checked as `chunks` reads them (step 8).
 */
export function openBundle(
  bytes: Uint8Array,
  passphrase: string,
  { latestSchemaVersion }: { latestSchemaVersion: string },
): OpenedBundle {
  const envelope = openEnvelope(bytes);
  const key = deriveKey(passphrase, envelope.salt, envelope.kdf);
  if (!timingSafeEqual(keyCheck(key), envelope.keyCheck)) {
    fail('SYNC_WRONG_KEY', 'the file was made with a different passphrase');
  }
  const decipher = createDecipheriv('aes-256-gcm', key, envelope.iv);
  decipher.setAAD(envelope.aad);
  decipher.setAuthTag(envelope.tag);
  const compressed = decipher.update(envelope.ciphertext);
  try {
    decipher.final();
  } catch {
    fail('SYNC_TAMPERED', 'authentication failed: the file was changed after it was made');
  }

  const manifestJson = parseJson(envelope.manifestBytes);
  const claimed = (manifestJson as { schemaVersion?: unknown } | undefined)?.schemaVersion;
  if (typeof claimed === 'string' && claimed > latestSchemaVersion) {
    fail('SYNC_TOO_NEW', `schema ${claimed} is newer than ${latestSchemaVersion}`, {
      schemaVersion: claimed,
    });
  }
  const parsed = parseManifest(envelope.manifestBytes);
  if (!parsed.success) fail('SYNC_INVALID_CONTENT', 'the manifest is not valid', parsed.problem);
  const manifest = parsed.manifest;
  let signature: BundleSignature | null = null;
  if (envelope.signature) {
    if (manifest.exporter === undefined) fail('SYNC_INVALID_CONTENT', 'a signed file names no signer');
    signature = {
      signer: manifest.exporter,
      signedBytes: envelope.signedBytes,
      signature: envelope.signature,
    };
  }
  return {
    manifest,
    signature,
    chunks: (size = defaultChunkSize) => readOps(compressed, manifest.opCount, size),
  };
}

interface Envelope {
  readonly kdf: KdfParams;
  readonly salt: Buffer;
  readonly iv: Buffer;
  readonly keyCheck: Buffer;
  readonly aad: Buffer;
  readonly manifestBytes: Buffer;
  readonly ciphertext: Buffer;
  readonly tag: Buffer;
  /** Format 2: the signature, and the bytes before it that it covers. */
  readonly signature: Buffer | null;
  readonly signedBytes: Buffer;
}

/** Steps 1–4: everything that can be checked without the passphrase. */
function openEnvelope(input: Uint8Array): Envelope {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const probe = bytes.subarray(0, magic.length);
  if (bytes.length === 0 || !probe.equals(magic.subarray(0, probe.length))) {
    fail('SYNC_NOT_A_BUNDLE', 'the file does not start with the sync bundle magic');
  }
  if (bytes.length < magic.length + 2 + crcLength) fail('SYNC_CORRUPT', 'the file is truncated');
  const crcAt = bytes.length - crcLength;
  if (crc32(bytes.subarray(0, crcAt)) !== bytes.readUInt32BE(crcAt)) {
    fail('SYNC_CORRUPT', 'checksum mismatch: the file is damaged or incomplete');
  }
  const version = bytes.readUInt16BE(magic.length);
  if (version > bundleFormatVersion) {
    fail('SYNC_TOO_NEW', `format version ${version} is newer than ${bundleFormatVersion}`, { version });
  }
  if (version < 1) fail('SYNC_CORRUPT', `format version ${version} does not exist`);
  const trailer = tagLength + (version === signedFormat ? signatureLength : 0) + crcLength;
  if (bytes.length < fixedHeaderLength + trailer) fail('SYNC_CORRUPT', 'the header is cut short');
  const kdf = { log2N: bytes.readUInt8(10), r: bytes.readUInt8(11), p: bytes.readUInt8(12) };
  const kdfProblem = checkKdf(kdf);
  if (kdfProblem) fail('SYNC_CORRUPT', `scrypt parameters ${kdfProblem}`, kdf);
  const manifestLength = bytes.readUInt32BE(57);
  const manifestEnd = fixedHeaderLength + manifestLength;
  const signatureAt = version === signedFormat ? crcAt - signatureLength : crcAt;
  const tagAt = signatureAt - tagLength;
  if (manifestLength > maxManifestBytes || manifestEnd > tagAt) {
    fail('SYNC_CORRUPT', 'the manifest length does not fit the file', { manifestLength });
  }
  return {
    kdf,
    salt: bytes.subarray(13, 29),
    iv: bytes.subarray(29, 41),
    keyCheck: bytes.subarray(41, 57),
    aad: bytes.subarray(0, manifestEnd),
    manifestBytes: bytes.subarray(fixedHeaderLength, manifestEnd),
    ciphertext: bytes.subarray(manifestEnd, tagAt),
    tag: bytes.subarray(tagAt, signatureAt),
    signature: version === signedFormat ? bytes.subarray(signatureAt, crcAt) : null,
    signedBytes: bytes.subarray(0, signatureAt),
  };
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(utf8.decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

type ManifestParse =
  { success: true; manifest: BundleManifest } | { success: false; problem: { issue: string } };

function parseManifest(bytes: Buffer): ManifestParse {
  const parsed = manifestSchema.safeParse(parseJson(bytes));
  if (parsed.success) return { success: true, manifest: parsed.data };
  const issue = parsed.error.issues[0];
  return { success: false, problem: { issue: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}` } };
}

/** Rejects invalid UTF-8 instead of silently turning it into U+FFFD. */
const utf8 = new TextDecoder('utf-8', { fatal: true });
/** The same for op lines, keeping a byte order mark: no line starts with one (JSON.parse refuses it). */
const utf8Lines = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function* readOps(compressed: Buffer, opCount: number, size: number): Generator<SyncOp[]> {
  let chunk: SyncOp[] = [];
  let line = 0;
  let carried: Buffer = Buffer.alloc(0);
  for (const member of gzipMembers(compressed)) {
    // A line may run on into the next member; the writer never does that, a reader copes.
    const text = carried.length > 0 ? Buffer.concat([carried, member]) : member;
    const whole = text.lastIndexOf(0x0a) + 1;
    // The member's whole lines decoded at once (a newline byte is never inside a UTF-8
    // sequence); a refusal is then looked for line by line, to say which line.
    const lines = decodeLines(text.subarray(0, whole), line);
    let start = 0;
    for (let end = lines.indexOf('\n'); end !== -1; end = lines.indexOf('\n', start)) {
      line += 1;
      chunk.push(parseOp(lines.slice(start, end), line));
      start = end + 1;
      if (chunk.length >= size) {
        yield chunk;
        chunk = [];
      }
    }
    carried = text.subarray(whole);
    if (carried.length > maxLineBytes) fail('SYNC_INVALID_CONTENT', 'a line is too long', { line: line + 1 });
  }
  if (carried.length > 0) fail('SYNC_INVALID_CONTENT', 'the last line is not terminated', { line: line + 1 });
  if (line !== opCount) {
    fail('SYNC_INVALID_CONTENT', 'op count differs from the manifest', { manifest: opCount, payload: line });
  }
  if (chunk.length > 0) yield chunk;
}

/** `bytes` (whole lines) as text; refuses the first line too long or not in UTF-8, by number. */
function decodeLines(bytes: Buffer, linesBefore: number): string {
  let line = linesBefore;
  let decoded: string | null = null;
  try {
    decoded = utf8Lines.decode(bytes);
  } catch {
    decoded = null;
  }
  let start = 0;
  for (let end = bytes.indexOf(0x0a); end !== -1; end = bytes.indexOf(0x0a, start)) {
    line += 1;
    if (end - start > maxLineBytes) fail('SYNC_INVALID_CONTENT', 'a line is too long', { line });
    if (decoded === null) {
      try {
        utf8Lines.decode(bytes.subarray(start, end));
      } catch {
        fail('SYNC_INVALID_CONTENT', 'a line is not JSON in UTF-8', { line });
      }
    }
    start = end + 1;
  }
  if (decoded === null) fail('SYNC_INVALID_CONTENT', 'a line is not JSON in UTF-8', { line });
  return decoded;
}

function parseOp(text: string, line: number): SyncOp {
  let candidate: unknown;
  try {
    candidate = JSON.parse(text);
  } catch {
    fail('SYNC_INVALID_CONTENT', 'a line is not JSON in UTF-8', { line });
  }
  const plain = plainRowOp(candidate);
  if (plain) return plain;
  const check = checkOp(candidate);
  if (!check.ok) fail('SYNC_INVALID_CONTENT', `op refused: ${check.reason}`, { line, reason: check.reason });
  return check.op;
}

/**
 * The payload's gzip members (RFC 1952), inflated one at a time: header, deflate data (its end
 * is found by inflating), then CRC-32 and length of the member's text, both checked.
 */
function* gzipMembers(payload: Buffer): Generator<Buffer> {
  let at = 0;
  while (at < payload.length) {
    const bodyAt = gzipBodyStart(payload, at);
    let inflated: { buffer: Buffer; engine: { bytesWritten: number } };
    try {
      // `info` gives the engine, whose bytesWritten is the deflate data it consumed.
      inflated = inflateRawSync(payload.subarray(bodyAt), {
        info: true,
        maxOutputLength: maxMemberBytes,
      }) as unknown as typeof inflated;
    } catch (error) {
      return notGzip(String(error));
    }
    const text = inflated.buffer;
    const trailerAt = bodyAt + inflated.engine.bytesWritten;
    if (trailerAt + 8 > payload.length) notGzip('a member ends without its trailer');
    if (
      payload.readUInt32LE(trailerAt) !== crc32(text) ||
      payload.readUInt32LE(trailerAt + 4) !== text.length
    )
      notGzip("a member's checksum or length differs");
    at = trailerAt + 8;
    yield text;
  }
}

const gzipFlags = { headerCrc: 2, extra: 4, name: 8, comment: 16, reserved: 0xe0 };

function gzipBodyStart(payload: Buffer, at: number): number {
  if (at + 10 > payload.length || payload[at] !== 0x1f || payload[at + 1] !== 0x8b || payload[at + 2] !== 8)
    notGzip('a member does not start with a gzip header');
  const flags = payload[at + 3] ?? 0;
  if (flags & gzipFlags.reserved) notGzip('a gzip header has reserved flags set');
  let cursor = at + 10;
  if (flags & gzipFlags.extra) {
    if (cursor + 2 > payload.length) notGzip('a gzip header is cut short');
    cursor += 2 + payload.readUInt16LE(cursor);
  }
  for (const flag of [gzipFlags.name, gzipFlags.comment]) {
    if (!(flags & flag)) continue;
    const zero = payload.indexOf(0, cursor);
    if (zero === -1) notGzip('a gzip header is cut short');
    cursor = zero + 1;
  }
  if (flags & gzipFlags.headerCrc) cursor += 2;
  if (cursor > payload.length) notGzip('a gzip header is cut short');
  return cursor;
}

function notGzip(problem: string): never {
  return fail('SYNC_INVALID_CONTENT', 'the payload does not decompress', { problem });
}

function fail(code: ErrorCode, message: string, details?: unknown): never {
  throw new ApiError(code, message, details === undefined ? {} : { details });
}
