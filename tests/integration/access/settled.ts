import type { ApiResult } from '../../../shared/errors';

/** The value of a call through the sign-in door, or its refusal thrown with its code. */
export async function ok<T>(result: Promise<ApiResult<unknown>>): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new Error(`${settled.error.code}: ${settled.error.message}`);
  return settled.value as T;
}

/** The code of a call that must be refused. */
export async function refused(result: Promise<ApiResult<unknown>>): Promise<string> {
  const settled = await result;
  if (settled.ok) throw new Error('expected a refusal');
  return settled.error.code;
}
