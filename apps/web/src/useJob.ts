import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Job } from './api/models';

/** Where a followed background job stands; `job` is its last answer from GET /jobs/:id. */
export type JobRun<J> =
  | { state: 'idle' }
  | { state: 'running'; job: J | null }
  | { state: 'done'; job: J }
  | { state: 'failed'; job: J | null; error?: unknown };

const POLL_MS = 1000;

/**
 * What this hook reads of a job (GET /jobs/:id answers a {@link Job}): its id, state, progress and
 * failure. A feature's own job type only needs these.
 */
export type FollowedJob = Pick<Job, 'id' | 'failedReason'> & { state: string; progress: unknown };

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

const finished = (job: FollowedJob | undefined) => job?.state === 'completed' || job?.state === 'failed';

/**
 * Follows a background job every second until it completes or fails (a TanStack query polling
 * GET /jobs/:id, stopped when the component goes away). `onDone` (the latest one given) runs once
 * when it completes.
 */
export function useJob<J extends FollowedJob>(fetchJob: (jobId: string) => Promise<J>, onDone?: (job: J) => void): JobFollower<J> {
  const [jobId, setJobId] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<unknown>(null);
  const done = useRef(onDone);
  done.current = onDone;
  const notified = useRef<string | null>(null);

  const query = useQuery({
    queryKey: ['job', jobId],
    queryFn: () => fetchJob(jobId!),
    enabled: jobId !== null,
    refetchInterval: (q) => (finished(q.state.data) ? false : POLL_MS),
    retry: false,
    gcTime: 0,
  });
  const job = jobId !== null ? query.data : undefined;

  useEffect(() => {
    if (job?.state === 'completed' && jobId !== null && notified.current !== jobId) {
      notified.current = jobId;
      done.current?.(job);
    }
  }, [job, jobId]);

  const follow = useCallback((id: string) => {
    setStartError(null);
    setJobId(id);
  }, []);

  const start = useCallback(async (begin: () => Promise<{ jobId: string }>) => {
    setJobId(null);
    setStartError(null);
    setStarting(true);
    try {
      setJobId((await begin()).jobId);
    } catch (error) {
      setStartError(error);
    } finally {
      setStarting(false);
    }
  }, []);

  const reset = useCallback(() => {
    setJobId(null);
    setStartError(null);
  }, []);

  const run: JobRun<J> = startError
    ? { state: 'failed', job: null, error: startError }
    : starting
      ? { state: 'running', job: null }
      : jobId === null
        ? { state: 'idle' }
        : query.error
          ? { state: 'failed', job: job ?? null, error: query.error }
          : job?.state === 'completed'
            ? { state: 'done', job }
            : job?.state === 'failed'
              ? { state: 'failed', job }
              : { state: 'running', job: job ?? null };

  return { run, busy: run.state === 'running', follow, start, reset };
}

/** A job's progress 0–100 when it reports a number; null otherwise. */
export function jobPercent(job: FollowedJob | null): number | null {
  return job && typeof job.progress === 'number' ? Math.round(job.progress) : null;
}
