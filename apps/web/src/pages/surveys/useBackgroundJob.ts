import { useState } from 'react';
import { api } from '../../api';
import type { StartedJob, SurveyJobStatus } from '../../types';
import { usePolling } from '../../usePolling';

export type JobRun =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; job: SurveyJobStatus }
  | { state: 'failed'; reason: string | null; error?: unknown };

const POLL_MS = 1000;

/** Starts a background job (aggregation, reminders) and follows it until it completes or fails. */
export function useBackgroundJob(onDone?: (job: SurveyJobStatus) => void) {
  const [run, setRun] = useState<JobRun>({ state: 'idle' });
  const polling = usePolling();

  async function follow(jobId: string) {
    try {
      const job = await api.jobById<SurveyJobStatus>(jobId);
      if (!polling.alive()) return;
      if (job.state === 'completed') {
        setRun({ state: 'done', job });
        onDone?.(job);
      } else if (job.state === 'failed') {
        setRun({ state: 'failed', reason: job.failedReason });
      } else {
        polling.after(POLL_MS, () => void follow(jobId));
      }
    } catch (error) {
      if (polling.alive()) setRun({ state: 'failed', reason: null, error });
    }
  }

  async function start(begin: () => Promise<StartedJob>) {
    polling.stop();
    setRun({ state: 'running' });
    try {
      await follow((await begin()).jobId);
    } catch (error) {
      if (polling.alive()) setRun({ state: 'failed', reason: null, error });
    }
  }

  return { run, start, busy: run.state === 'running' };
}
