import type { TFunction } from 'i18next';
import { ApiError } from '../../../shared/errors';
import { syncMaxFileBytes } from '../../../shared/schemas';
import { readFileBase64 } from '../import/readFile';

/**
 * A sync file chosen in the window, read for the service: the Sync page's import and the
 * set-up screen's join read it the same way and say the same things when they cannot.
 */
export type SyncFileRead =
  { readonly ok: true; readonly contentBase64: string } | { readonly ok: false; readonly error: ApiError };

/** Refused as the contract refuses it (the file's base64 too big), so one message says both. */
function tooLarge(bytes: number): ApiError {
  return new ApiError('VALIDATION_FAILED', `The file has ${bytes} bytes, more than ${syncMaxFileBytes}`, {
    issues: [{ path: ['contentBase64'], code: 'too_big', message: 'Too big', maximum: syncMaxFileBytes }],
  });
}

/** A file over the largest the app takes at once, whoever said so (this page, preview mode's server). */
export function isTooLarge(error: ApiError): boolean {
  return (
    error.code === 'VALIDATION_FAILED' &&
    (error.issues ?? []).some((issue) => issue.code === 'too_big' && issue.path[0] === 'contentBase64')
  );
}

export async function readSyncFile(file: File): Promise<SyncFileRead> {
  // Refused before it is read: it could only be held in memory to be refused.
  if (file.size > syncMaxFileBytes) return { ok: false, error: tooLarge(file.size) };
  let contentBase64: string;
  try {
    contentBase64 = await readFileBase64(file);
  } catch {
    return { ok: false, error: new ApiError('INTERNAL', 'FileReader failed') };
  }
  // An empty file is no sync file; the service would refuse it as invalid input.
  if (contentBase64 === '') return { ok: false, error: new ApiError('SYNC_NOT_A_BUNDLE', 'empty file') };
  return { ok: true, contentBase64 };
}

/** What a refused file is, in the user's words (a file too large names the limit). */
export function syncFileErrorText(t: TFunction, error: ApiError): string {
  return isTooLarge(error)
    ? t('sync.import.tooLarge', { max: `${Math.round(syncMaxFileBytes / 2 ** 20)} MB` })
    : t(`error.${error.code}`);
}
