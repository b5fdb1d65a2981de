import { pinyin } from 'pinyin-pro';

/**
 * How a name is found: by its characters (any substring, so two-character names like 王芳
 * work), by full pinyin (`zhangsan`, typed with or without spaces) and by initials (`zs`).
 * A name is cut into segments — one per Han character, one per run of Latin letters or
 * digits — and each segment has one pinyin token, so a pinyin match maps back to characters.
 */
export type AccountKind = 'organization' | 'person';

export interface NameSegment {
  /** Index of the segment's first character in the normalized name. */
  readonly start: number;
  readonly length: number;
  readonly han: boolean;
}

const hanCharacter = /\p{Script=Han}/u;
const latinOrDigit = /[a-z0-9]/;

/** NFKC (full-width → half-width, （ → ( ), lower case, character by character. */
export function normalizeName(name: string): string {
  return normalizeNameWithOffsets(name).text;
}

/**
 * The normalized name, and for each of its UTF-16 units the index in `name` it came from (plus
 * `name.length` at the end), so a range found in the normalized text can be shown in the name.
 */
export function normalizeNameWithOffsets(name: string): { text: string; offsets: number[] } {
  let text = '';
  const offsets: number[] = [];
  let index = 0;
  for (const char of name) {
    const normalized = char.normalize('NFKC').toLowerCase();
    for (let k = 0; k < normalized.length; k++) offsets.push(index);
    text += normalized;
    index += char.length;
  }
  offsets.push(name.length);
  return { text, offsets };
}

/** The form used to catch duplicate names: normalized, without any whitespace. */
export function nameDuplicateKey(name: string): string {
  return normalizeName(name).replace(/\s+/g, '');
}

/** Segments of a normalized name; punctuation and spaces separate segments and are dropped. */
export function segmentName(normalized: string): NameSegment[] {
  const segments: NameSegment[] = [];
  const chars = Array.from(normalized);
  let position = 0;
  let runStart = -1;
  const closeRun = (end: number) => {
    if (runStart >= 0) segments.push({ start: runStart, length: end - runStart, han: false });
    runStart = -1;
  };
  for (const char of chars) {
    if (hanCharacter.test(char)) {
      closeRun(position);
      segments.push({ start: position, length: char.length, han: true });
    } else if (latinOrDigit.test(char)) {
      if (runStart < 0) runStart = position;
    } else {
      closeRun(position);
    }
    position += char.length;
  }
  closeRun(position);
  return segments;
}

/**
 * One pinyin token per segment. Person names read their first characters as a surname, so
 * 曾 is zeng, 单 shan, 解 xie, 区 ou; companies read as words (长沙银行 is yin hang).
 */
export function pinyinTokens(normalized: string, kind: AccountKind): string[] {
  const segments = segmentName(normalized);
  const tokens: string[] = [];
  let i = 0;
  while (i < segments.length) {
    const segment = segments[i];
    if (!segment) break;
    if (!segment.han) {
      tokens.push(normalized.slice(segment.start, segment.start + segment.length));
      i++;
      continue;
    }
    // A run of adjacent Han characters is read together, so words keep their reading.
    let j = i;
    let text = '';
    while (j < segments.length) {
      const next = segments[j];
      if (
        !next?.han ||
        (j > i && next.start !== (segments[j - 1]?.start ?? 0) + (segments[j - 1]?.length ?? 0))
      )
        break;
      text += normalized.slice(next.start, next.start + next.length);
      j++;
    }
    const readings = pinyin(text, {
      toneType: 'none',
      type: 'array',
      v: true,
      surname: kind === 'person' && i === 0 ? 'head' : 'off',
    });
    for (let k = 0; k < j - i; k++) tokens.push((readings[k] ?? '').toLowerCase());
    i = j;
  }
  return tokens;
}

/** Initials: the first letter of each Han reading; a Latin or digit run counts whole (`ibm`). */
export function initialTokens(normalized: string, tokens: readonly string[]): string[] {
  const segments = segmentName(normalized);
  return tokens.map((token, i) => (segments[i]?.han ? token.charAt(0) : token));
}

/** What a search index stores for a name. */
export interface NameSearchKeys {
  /** Normalized name without whitespace: every suffix is a key, so any substring matches. */
  readonly text: string;
  readonly pinyin: readonly string[];
  readonly initials: readonly string[];
}

export function nameSearchKeys(name: string, kind: AccountKind): NameSearchKeys {
  const normalized = normalizeName(name);
  const pinyinList = pinyinTokens(normalized, kind);
  return {
    text: normalized.replace(/\s+/g, ''),
    pinyin: pinyinList,
    initials: initialTokens(normalized, pinyinList),
  };
}

/** Keys are cut to this length; longer queries are checked against the whole value. */
export const searchKeyLength = 24;

/**
 * The keys to index for one field: suffixes starting at each token boundary, the first one
 * marked as the start of the name (for exact and prefix ranking).
 */
export function suffixKeys(tokens: readonly string[]): { key: string; start: boolean }[] {
  const whole = tokens.join('');
  const keys: { key: string; start: boolean }[] = [];
  const seen = new Set<string>();
  let offset = 0;
  for (const token of tokens) {
    const key = whole.slice(offset, offset + searchKeyLength);
    if (key.length > 0 && !seen.has(key)) {
      seen.add(key);
      keys.push({ key, start: offset === 0 });
    }
    offset += token.length;
  }
  return keys;
}

/** Characters of the text as one-character tokens, for substring keys over the name itself. */
export function characterTokens(text: string): string[] {
  return Array.from(text);
}

/**
 * Where a query matched in token terms, mapped back to a character range of the normalized
 * name, so the UI can highlight `张三` for `zs` or `zhangsan`.
 */
export function tokenMatchRange(
  normalized: string,
  tokens: readonly string[],
  query: string,
): { start: number; end: number } | null {
  const segments = segmentName(normalized);
  const whole = tokens.join('');
  let offset = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (whole.startsWith(query, offset)) {
      let end = offset;
      let j = i;
      while (j < tokens.length && end < offset + query.length) {
        end += tokens[j]?.length ?? 0;
        j++;
      }
      const first = segments[i];
      const last = segments[j - 1];
      if (!first || !last) return null;
      return { start: first.start, end: last.start + last.length };
    }
    offset += tokens[i]?.length ?? 0;
  }
  return null;
}
