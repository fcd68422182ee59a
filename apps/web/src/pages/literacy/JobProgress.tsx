import type { ReactNode } from 'react';
import { ApiError } from '../../api';
import type { Job } from '../../api/models';
import { ErrorMessage } from '../../components/ErrorMessage';
import { jobPercent, type JobRun } from '../../useJob';

const STATE_LABEL: Record<string, string> = { waiting: '대기 중', delayed: '대기 중', prioritized: '대기 중', active: '진행 중' };

interface Props {
  run: JobRun<Job>;
  /** What the job does, e.g. "분석". */
  label: string;
  testId: string;
  /** What a finished job says. */
  doneText: ReactNode;
}

/** Where a literacy job stands (`data-state` idle, running, done, failed), with its progress bar. */
export function JobProgress({ run, label, testId, doneText }: Props) {
  if (run.state === 'idle') return null;
  const percent = run.state === 'running' ? jobPercent(run.job) : null;
  return (
    <div className="job-progress" role="status" aria-live="polite" data-testid={testId} data-state={run.state}>
      {run.state === 'running' && (
        <>
          <p>
            {label} {STATE_LABEL[run.job?.state ?? 'waiting'] ?? '진행 중'}…{percent !== null && <> 진행률 <strong>{percent}%</strong></>}
          </p>
          {percent !== null ? <progress max={100} value={percent} aria-label={`${label} 진행률`} /> : <progress aria-label={`${label} 진행률`} />}
        </>
      )}
      {run.state === 'done' && <p className="notice">{doneText}</p>}
      {run.state === 'failed' &&
        (run.error instanceof ApiError && run.error.status === 403 ? (
          // The job joined one someone else started (one analysis per assessment at a time), whose state only they may read.
          <p className="muted">{label}은(는) 다른 사용자가 먼저 시작한 작업에 합쳐져 진행됩니다. 잠시 뒤 새로 고치면 결과가 보입니다.</p>
        ) : run.error ? (
          <ErrorMessage error={run.error} title={`${label} 상태를 확인하지 못했습니다.`} />
        ) : (
          <div className="alert alert-error" role="alert">
            <p className="alert-title">{label}에 실패했습니다. 다시 시도하세요.</p>
            {run.job?.failedReason && <p className="alert-body">사유: {run.job.failedReason}</p>}
          </div>
        ))}
    </div>
  );
}
