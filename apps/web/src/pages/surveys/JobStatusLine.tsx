import type { ReactNode } from 'react';
import type { Job } from '../../api/models';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { JobRun } from '../../useJob';

interface Props {
  run: JobRun<Job>;
  testId: string;
  failedTitle: string;
  /** What a finished job says. */
  doneText: ReactNode;
}

/** Where a background job stands: 진행 중, its result, or why it failed. */
export function JobStatusLine({ run, testId, failedTitle, doneText }: Props) {
  return (
    <div role="status" aria-live="polite" data-testid={testId} data-state={run.state}>
      {run.state === 'running' && <p className="muted small">진행 중…</p>}
      {run.state === 'done' && <p className="notice small">{doneText}</p>}
      {run.state === 'failed' &&
        (run.error ? (
          <ErrorMessage error={run.error} title={failedTitle} />
        ) : (
          <div className="alert alert-error" role="alert">
            <p className="alert-title">{failedTitle} 다시 시도하세요.</p>
            {run.job?.failedReason && <p className="alert-body">사유: {run.job.failedReason}</p>}
          </div>
        ))}
    </div>
  );
}
