import { useCallback, useRef, useState } from 'react';
import type { QueueJob } from './types';
import { usePolling } from './usePolling';

/** Where a followed background job stands; `job` is its last answer from GET /jobs/:id. */
export type JobRun<J> =
  | { state: 'idle' }
  | { state: 'running'; job: J | null }
  | { state: 'done'; job: J }
  | { state: 'failed'; job: J | null; error?: unknown };

const POLL_MS = 1000;

export interface JobFollower<J> {
  run: JobRun<J>;
  busy: boolean;
  /** Follows a job already started (e.g. the one an import answers with). */
  follow: (jobId: string) => void;
  /** Starts a job with `begin` and follows it; a failure to start shows as `failed`. */
  start: (begin: () => Promise<{ jobId: string }>) => Promise<void>;
  /** Forgets the job (before another upload). */
  reset: () => void;
}

/**
 * Follows a background job every second until it completes or fails, stopping when the component
 * goes away. `onDone` (the latest one given) runs once when it completes.
 */
export function useJob<J extends QueueJob<string, unknown>>(fetchJob: (jobId: string) => Promise<J>, onDone?: (job: J) => void): JobFollower<J> {
  const [run, setRun] = useState<JobRun<J>>({ state: 'idle' });
  const polling = usePolling();
  const done = useRef(onDone);
  done.current = onDone;

  const poll = useCallback(
    async (jobId: string) => {
      try {
        const job = await fetchJob(jobId);
        if (!polling.alive()) return;
        if (job.state === 'completed') {
          setRun({ state: 'done', job });
          done.current?.(job);
        } else if (job.state === 'failed') {
          setRun({ state: 'failed', job });
        } else {
          setRun({ state: 'running', job });
          polling.after(POLL_MS, () => void poll(jobId));
        }
      } catch (error) {
        if (polling.alive()) setRun({ state: 'failed', job: null, error });
      }
    },
    [fetchJob, polling],
  );

  const follow = useCallback(
    (jobId: string) => {
      polling.stop();
      setRun({ state: 'running', job: null });
      void poll(jobId);
    },
    [poll, polling],
  );

  const start = useCallback(
    async (begin: () => Promise<{ jobId: string }>) => {
      polling.stop();
      setRun({ state: 'running', job: null });
      try {
        const { jobId } = await begin();
        if (polling.alive()) await poll(jobId);
      } catch (error) {
        if (polling.alive()) setRun({ state: 'failed', job: null, error });
      }
    },
    [poll, polling],
  );

  const reset = useCallback(() => {
    polling.stop();
    setRun({ state: 'idle' });
  }, [polling]);

  return { run, busy: run.state === 'running', follow, start, reset };
}

/** A job's progress 0–100 when it reports a number; null otherwise. */
export function jobPercent(job: QueueJob<string, unknown> | null): number | null {
  return job && typeof job.progress === 'number' ? Math.round(job.progress) : null;
}
