import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { ProgressEvent } from '../../shared/api';
import type { ApiErrorData, ApiResult } from '../../shared/errors';
import type { RequestContext } from '../../shared/types';
import type { OpenOptions } from '../connection';
import { toApiError } from '../faults';
import { openFieldbook, type Fieldbook } from '../service';
import type { Signer } from '../access/signing';

/**
 * The job thread (see ./runner.ts): a second connection to the same database file that runs the
 * long operations one at a time, so the thread owning the window's connection stays free.
 */
export interface JobThreadData {
  readonly path: string;
  readonly openOptions: OpenOptions;
  /** Who signs the sync files the thread exports; its key crosses as a Uint8Array. */
  readonly signer?: Signer | undefined;
  /** The fault log the book's own connection writes to (a path: functions cannot cross). */
  readonly logFile: string;
}

export type JobRequest = {
  readonly id: number;
  readonly name: string;
  readonly input: unknown;
  readonly context: RequestContext;
};

export type JobMessage =
  | { readonly kind: 'ready' }
  /** The book could not be opened here: the typed error answers every waiting call. */
  | { readonly kind: 'failed'; readonly error: ApiErrorData }
  | { readonly kind: 'result'; readonly id: number; readonly result: ApiResult<unknown> }
  | { readonly kind: 'progress'; readonly event: ProgressEvent };

async function serve(port: MessagePort): Promise<void> {
  const { path, openOptions, logFile, signer } = workerData as JobThreadData;
  const send = (message: JobMessage) => port.postMessage(message);
  let fieldbook: Fieldbook;
  try {
    // Faults opening the book (locked, read-only, damaged) travel back as values, as results do;
    // openFieldbook has logged the stack.
    // A Buffer crosses to a thread as a plain Uint8Array: the key is made a Buffer again.
    const { key, ...rest } = openOptions;
    fieldbook = await openFieldbook(path, {
      ...rest,
      ...(key ? { key: Buffer.from(key) } : {}),
      ...(signer
        ? {
            signer: {
              code: signer.code,
              key: { ...signer.key, privateKey: Buffer.from(signer.key.privateKey) },
            },
          }
        : {}),
      logFile,
    });
  } catch (error) {
    send({ kind: 'failed', error: toApiError(error, 'jobs.open').toData() });
    port.close();
    return;
  }
  fieldbook.onProgress((event) => send({ kind: 'progress', event }));
  // One job at a time, in the order sent: a restore awaits SQLite's backup API, and nothing
  // sent after it may start meanwhile.
  let queue = Promise.resolve();
  port.on('message', (request: JobRequest | 'close') => {
    queue = queue.then(async () => {
      if (request === 'close') {
        fieldbook.close();
        port.close();
        return;
      }
      const result = await fieldbook.call(request.name, request.input, request.context);
      send({ kind: 'result', id: request.id, result });
    });
  });
  send({ kind: 'ready' });
}

if (!parentPort) throw new Error('db/jobs/thread.ts runs as a worker thread');
// No top-level await: the packaged app bundles this file as CommonJS. Anything else that throws
// ends the thread with an error the runner reports to waiting calls.
void serve(parentPort);
