import { Worker } from 'node:worker_threads';
import type { ApiEvents, OperationName } from '../../shared/api';
import { ApiError, type ApiResult } from '../../shared/errors';
import type { RequestContext } from '../../shared/types';
import type { OpenOptions } from '../connection';
import type { JobMessage, JobRequest, JobThreadData } from './thread';

/**
 * Long operations run on a job thread with a connection of its own (docs/ARCHITECTURE.md, "Long
 * operations run on a job thread"): an import of 200,000 bills, a sync file of a million rows or
 * a roll-up rebuild take seconds to minutes, and on the thread that owns the window's
 * connection they would hold up every call — searches, page loads, progress events — until
 * they end. SQLite in WAL mode lets the other connection keep reading meanwhile; its writes
 * wait (see `Fieldbook.call`).
 */
export type JobThreadScript = string | URL;

/**
 * What runs on the job thread: the long operations, and every step of a CSV import, since the
 * staged file and the previewed plan live in that thread's memory.
 */
export const jobOperations: ReadonlySet<OperationName> = new Set<OperationName>([
  'imports.stage',
  'imports.preview',
  'imports.apply',
  'imports.revert',
  'stats.rebuild',
  'sync.export',
  'sync.preview',
  'sync.import',
  'exports.csv',
]);

export interface JobRunner {
  /** Runs one operation on the job thread (started on first use); calls run one at a time, in order. */
  run(name: OperationName, input: unknown, context: RequestContext): Promise<ApiResult<unknown>>;
  /** Operations sent and not answered yet. */
  pending(): readonly OperationName[];
  close(): Promise<void>;
}

export interface JobRunnerOptions {
  readonly script: JobThreadScript;
  readonly path: string;
  readonly openOptions: OpenOptions;
  readonly onProgress: (event: ApiEvents['import.progress']) => void;
}

const failure = (message: string): ApiResult<never> => ({
  ok: false,
  error: new ApiError('INTERNAL', message).toData(),
});

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  let thread: { worker: Worker; ready: Promise<void> } | null = null;
  const waiting = new Map<number, { name: OperationName; answer: (result: ApiResult<unknown>) => void }>();
  let nextId = 1;

  const failAll = (message: string) => {
    for (const { answer } of waiting.values()) answer(failure(message));
    waiting.clear();
  };

  const start = () => {
    const data: JobThreadData = { path: options.path, openOptions: options.openOptions };
    const worker = new Worker(options.script, { workerData: data });
    // The app's lifetime is not the thread's to decide: an idle job thread never keeps it running.
    worker.unref();
    const ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (message: JobMessage) => {
        if (message.kind === 'ready') resolve();
        else if (message.kind === 'progress') options.onProgress(message.event);
        else {
          waiting.get(message.id)?.answer(message.result);
          waiting.delete(message.id);
        }
      });
      worker.on('error', (error) => {
        console.error('[jobs] the job thread failed', error);
        reject(error);
        failAll(`The job thread failed: ${error.message}`);
        thread = null;
      });
      worker.on('exit', () => {
        failAll('The job thread stopped');
        thread = null;
      });
    });
    // Awaited by callers; a failure reaches them there.
    ready.catch(() => undefined);
    return { worker, ready };
  };

  return {
    run(name, input, context) {
      thread ??= start();
      const { worker, ready } = thread;
      const id = nextId++;
      // Pending from this moment: a write asked for right after is refused, not run alongside.
      const answer = new Promise<ApiResult<unknown>>((resolve) => waiting.set(id, { name, answer: resolve }));
      ready.then(
        () => {
          const request: JobRequest = { id, name, input, context };
          worker.postMessage(request);
        },
        (error: unknown) => {
          waiting
            .get(id)
            ?.answer(
              failure(
                `The job thread could not start: ${error instanceof Error ? error.message : String(error)}`,
              ),
            );
          waiting.delete(id);
        },
      );
      return answer;
    },
    pending: () => [...waiting.values()].map((job) => job.name),
    async close() {
      const current = thread;
      thread = null;
      if (!current || current.worker.threadId === -1) return;
      const exited = new Promise((resolve) => current.worker.once('exit', resolve));
      current.worker.postMessage('close');
      await exited;
    },
  };
}
