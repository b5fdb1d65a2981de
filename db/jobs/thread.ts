import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { ApiEvents } from '../../shared/api';
import type { ApiResult } from '../../shared/errors';
import type { RequestContext } from '../../shared/types';
import type { OpenOptions } from '../connection';
import { openFieldbook } from '../service';

/**
 * The job thread (see ./runner.ts): a second connection to the same database file that runs the
 * long operations one at a time, so the thread owning the window's connection stays free.
 */
export interface JobThreadData {
  readonly path: string;
  readonly openOptions: OpenOptions;
}

export type JobRequest = {
  readonly id: number;
  readonly name: string;
  readonly input: unknown;
  readonly context: RequestContext;
};

export type JobMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'result'; readonly id: number; readonly result: ApiResult<unknown> }
  | { readonly kind: 'progress'; readonly event: ApiEvents['import.progress'] };

async function serve(port: MessagePort): Promise<void> {
  const { path, openOptions } = workerData as JobThreadData;
  const fieldbook = await openFieldbook(path, openOptions);
  const send = (message: JobMessage) => port.postMessage(message);
  fieldbook.onImportProgress((event) => send({ kind: 'progress', event }));
  port.on('message', (request: JobRequest | 'close') => {
    if (request === 'close') {
      fieldbook.close();
      port.close();
      return;
    }
    const result = fieldbook.dispatch(request.name, request.input, request.context);
    send({ kind: 'result', id: request.id, result });
  });
  send({ kind: 'ready' });
}

if (!parentPort) throw new Error('db/jobs/thread.ts runs as a worker thread');
// No top-level await: the packaged app bundles this file as CommonJS. A failure to open is an
// unhandled rejection, which ends the thread with an error the runner reports to waiting calls.
void serve(parentPort);
