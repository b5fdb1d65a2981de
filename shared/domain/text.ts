/**
 * What a name or a note may hold. Text reaches the book from forms, CSV cells and sync files,
 * and some of it is not text a person meant: a NUL cuts a name short inside SQLite, control
 * characters and ANSI escapes garble terminals and CSV readers, a lone surrogate is stored as
 * invalid UTF-8 and comes back as "���", and bidirectional overrides make a name display as
 * something else. Those are refused with one key; what is only a different spelling of the same
 * text is normalised instead: NFC (one code-point sequence per character, so a search and a
 * duplicate check see one 张 whatever the keyboard sent) and invisible characters at either end
 * trimmed, so a name of zero-width spaces is blank.
 */

/** Every rule here refuses with this key (`shared/validationMessages.ts`). */
export const invalidCharacters = 'invalid_characters';

// C0 controls except tab and newline, DEL, C1 controls (0x9B is a one-byte ANSI escape), and
// the bidirectional embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex
const forbiddenAnywhere = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const lineBreakOrTab = /[\t\n]/;

// Whitespace (`\s` includes U+3000 and U+FEFF) and characters that show nothing: zero-width
// space, non-joiner and joiner, word joiner, soft hyphen, Mongolian vowel separator.
const invisibleEdges = /^[\s\u200B-\u200D\u2060\u00AD\u180E]+|[\s\u200B-\u200D\u2060\u00AD\u180E]+$/g;

const unifyLineBreaks = (value: string) => (value.includes('\r') ? value.replace(/\r\n?/g, '\n') : value);

/**
 * Whether a text may be stored (checked after `cleanText`, so a line break at either end of a
 * one-line field is trimmed, not refused): single-line fields take no tab or line break.
 */
export function isAllowedText(value: string, multiLine: boolean): boolean {
  const text = unifyLineBreaks(value);
  return (
    !forbiddenAnywhere.test(text) && !loneSurrogate.test(text) && (multiLine || !lineBreakOrTab.test(text))
  );
}

/** The stored form: line breaks as `\n`, NFC, invisible characters trimmed at both ends. */
export function cleanText(value: string): string {
  return unifyLineBreaks(value).normalize('NFC').replace(invisibleEdges, '');
}

/** The longest manager code (an owner, an author) the book stores. */
export const actorMaxLength = 40;

/**
 * Who is writing, as the book can store it: the manager code of Settings is checked when it is
 * set, but the fallbacks are not (the OS user name, a CLI `--as`). A name that is not one line of
 * text, or is too long, is cleaned and cut, so it never makes the rows it authors break their
 * column's rule (and other books refuse the file that carries them).
 */
export function storableActor(name: string): string {
  const cleaned = cleanText(unifyLineBreaks(name))
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, ' ')
    .replace(/[\uD800-\uDFFF]/g, '')
    .slice(0, actorMaxLength)
    .trim();
  return cleaned === '' ? 'unknown' : cleaned;
}
