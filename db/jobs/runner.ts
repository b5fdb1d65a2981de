import { Worker } from 'node:worker_threads';
import { contract, operationNames, type OperationName, type ProgressEvent } from '../../shared/api';
import { ApiError, type ApiResult } from '../../shared/errors';
import type { RequestContext } from '../../shared/types';
import type { OpenOptions } from '../connection';
import type { FaultLog } from '../faultLog';
import { toApiError } from '../faults';
import type { JobMessage, JobRequest, JobThreadData } from './thread';
import type { Signer } from '../access/signing';

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
 * What runs on the job thread: the operations the contract marks `job` (the long ones, and
 * every step of a CSV import, since the staged file and the previewed plan live in that
 * thread's memory).
 */
export const jobOperations: ReadonlySet<OperationName> = new Set(
  operationNames.filter((name) => contract[name].settings.job === true),
);

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
  /** Who signs the sync files the thread exports. */
  readonly signer?: Signer | undefined;
  /** The fault log the thread's connection writes to. */
  readonly logFile: string;
  /** Progress the thread's jobs report (imports, sync files). */
  readonly onProgress: (event: ProgressEvent) => void;
  /** Where the thread's own failures (it could not start, it died) are recorded. */
  readonly log: FaultLog;
}

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  let thread: { worker: Worker; ready: Promise<void> } | null = null;
  const waiting = new Map<
    number,
    { name: OperationName; worker: Worker; answer: (result: ApiResult<unknown>) => void }
  >();
  let nextId = 1;

  /** Answers the calls sent to one thread (a successor may already have calls of its own). */
  const failAll = (worker: Worker, error: ApiError) => {
    for (const [id, job] of waiting) {
      if (job.worker !== worker) continue;
      job.answer({ ok: false, error: error.toData() });
      waiting.delete(id);
    }
  };

  const start = () => {
    const data: JobThreadData = {
      path: options.path,
      openOptions: options.openOptions,
      logFile: options.logFile,
      signer: options.signer,
    };
    const worker = new Worker(options.script, { workerData: data });
    const forget = () => {
      if (thread?.worker === worker) thread = null;
    };
    // The app's lifetime is not the thread's to decide: an idle job thread never keeps it running.
    worker.unref();
    const ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (message: JobMessage) => {
        if (message.kind === 'ready') resolve();
        else if (message.kind === 'progress') options.onProgress(message.event);
        else if (message.kind === 'failed') {
          // The thread could not open the book (a lock, a read-only disk…): the next job tries again.
          const error = ApiError.fromData(message.error);
          reject(error);
          failAll(worker, error);
          forget();
        } else {
          waiting.get(message.id)?.answer(message.result);
          waiting.delete(message.id);
        }
      });
      worker.on('error', (error) => {
        options.log('jobs', error);
        reject(error);
        failAll(worker, toApiError(error, 'the job thread'));
        forget();
      });
      worker.on('exit', () => {
        failAll(worker, new ApiError('INTERNAL', 'The job thread stopped'));
        forget();
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
      const answer = new Promise<ApiResult<unknown>>((resolve) =>
        waiting.set(id, { name, worker, answer: resolve }),
      );
      ready.then(
        () => {
          const request: JobRequest = { id, name, input, context };
          worker.postMessage(request);
        },
        (error: unknown) => {
          waiting.get(id)?.answer({ ok: false, error: toApiError(error, 'the job thread').toData() });
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
