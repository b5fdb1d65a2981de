/** A step of a long job: how far it has come, in some unit (rows, ops). */
export interface ProgressStep {
  readonly phase?: string;
  readonly done: number;
  readonly total: number;
}

/**
 * Passes a job's progress on at most every `intervalMs`, except the reports a window must not
 * miss: the first, a change of phase, and the last (`done === total`). A sync export reports
 * every page of 2,000 rows, hundreds a second; each report crosses the job thread, IPC (or
 * the preview's event stream) and a React render, and ten a second read as smooth.
 */
export function throttleProgress<Step extends ProgressStep>(
  report: (step: Step) => void,
  intervalMs = 100,
  now: () => number = () => performance.now(),
): (step: Step) => void {
  let last: { at: number; phase: string | undefined } | null = null;
  return (step) => {
    const at = now();
    const due =
      last === null || last.phase !== step.phase || step.done >= step.total || at - last.at >= intervalMs;
    if (!due) return;
    last = { at, phase: step.phase };
    report(step);
  };
}
