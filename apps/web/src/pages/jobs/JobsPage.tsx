import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import type { FailedJob, Job, JobCounts, JobSchedule, JobsOverview, QueueState } from '../../api/models';
import { DataTable, num } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { confirmThenRun } from '../../confirm';
import { formatSeoulMinute, formatSeoulSecond } from '../../labels';
import { queryClient } from '../../query';
import { useAction } from '../../useAction';
import { useJob, type JobRun } from '../../useJob';
import { cronText, jobLabel, QUEUE_LABEL, requesterText, SCHEDULE_TEXT, summaryText } from './jobsLabels';

/** The page looks again this often on its own (queues move while it is open). */
const REFRESH_MS = 10_000;

const COUNT_COLUMNS: { key: keyof JobCounts; label: string }[] = [
  { key: 'waiting', label: '대기' },
  { key: 'active', label: '실행 중' },
  { key: 'completed', label: '완료' },
  { key: 'failed', label: '실패' },
  { key: 'delayed', label: '지연' },
];

const fetchJob = (jobId: string) => api.jobById(jobId);

const OVERVIEW_KEY = ['admin-jobs'];

/** After a job started or retried here: the overview again. */
const refresh = () => void queryClient.invalidateQueries({ queryKey: OVERVIEW_KEY });

/**
 * 작업 현황 (city administrators): every queue's counts and the jobs waiting to be handed to Redis,
 * the recurring schedules with their next run and 지금 실행 (confirmed, audited, then followed to its
 * result), and the failed jobs with their error and 다시 실행. Works while Redis is down: it says so
 * and shows what PostgreSQL knows.
 */
export function JobsPage() {
  const { data, error, refetch } = useQuery({
    queryKey: OVERVIEW_KEY,
    queryFn: () => api.jobsOverview(),
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData,
  });
  /** Jobs retried from this page, followed here (a retried job leaves the failed list). */
  const [retried, setRetried] = useState<FailedJob[]>([]);

  return (
    <div className="page">
      <div className="page-head">
        <h1>작업 현황</h1>
        <p className="muted">
          백그라운드 작업의 대기열, 정기 작업 일정, 실패한 작업입니다. 시각은 한국 시간이며 {REFRESH_MS / 1000}초마다 새로 고칩니다.
          {data && <> 마지막 확인: {formatSeoulSecond(data.checkedAt)}</>}
        </p>
        <p>
          <button type="button" className="button button-secondary button-small" onClick={() => void refetch()} data-testid="jobs-refresh">
            새로 고침
          </button>
        </p>
      </div>
      <ErrorMessage error={error} title="작업 현황을 불러오지 못했습니다." />
      {!data && !error && <Loading />}
      {data && (
        <>
          {!data.redis.available && <RedisUnavailable overview={data} />}
          <QueuesPanel overview={data} />
          <SchedulesPanel schedules={data.schedules} redisAvailable={data.redis.available} onChanged={refresh} />
          <FailedJobsPanel
            queues={data.queues}
            redisAvailable={data.redis.available}
            retried={retried}
            onRetried={(job) => {
              setRetried((jobs) => [job, ...jobs.filter((j) => j.id !== job.id)]);
              refresh();
            }}
            onChanged={refresh}
          />
        </>
      )}
    </div>
  );
}

function RedisUnavailable({ overview }: { overview: JobsOverview }) {
  return (
    <div className="alert alert-warning" role="alert" data-testid="redis-unavailable">
      <p className="alert-title">Redis(작업 대기열 서버)에 연결할 수 없습니다.</p>
      <p>
        대기열별 작업 수, 실패한 작업, 다음 실행 시각을 지금은 알 수 없습니다. 새로 요청한 작업은 데이터베이스에 보관되어 있다가(대기열 전달 대기{' '}
        <strong>{overview.outbox.pending}건</strong>) Redis가 돌아오면 실행됩니다. 실패한 작업의 다시 실행은 Redis가 돌아온 뒤에 할 수 있습니다.
      </p>
      {overview.redis.error && (
        <p className="alert-meta">
          <span lang="en">{overview.redis.error}</span>
        </p>
      )}
    </div>
  );
}

function QueuesPanel({ overview }: { overview: JobsOverview }) {
  const { queues, outbox } = overview;
  const total = (key: keyof JobCounts) => (queues.every((q) => q.counts) ? queues.reduce((n, q) => n + (q.counts?.[key] ?? 0), 0) : null);
  const cell = (value: number | null | undefined) => (value === null || value === undefined ? <span className="muted">알 수 없음</span> : value.toLocaleString('ko-KR'));
  return (
    <section className="panel" aria-labelledby="queues-heading">
      <h2 id="queues-heading">대기열</h2>
      <p className="muted small">
        지연: 재시도를 기다리는 작업과 정기 작업의 다음 실행 · 대기열 전달 대기: 요청이 저장되었지만 아직 Redis에 넘기지 못한 작업
        {outbox.oldestPendingAt && <> (가장 오래된 요청 {formatSeoulMinute(outbox.oldestPendingAt)})</>}
      </p>
      <DataTable
        caption="대기열별 작업 수"
        testId="queue-counts"
        columns={['대기열', ...COUNT_COLUMNS.map((c) => num(c.label)), num('대기열 전달 대기')]}
        footer={
          <tr>
            <th scope="row">합계</th>
            {COUNT_COLUMNS.map((c) => (
              <td key={c.key} className="num">
                {cell(total(c.key))}
              </td>
            ))}
            <td className="num" data-testid="outbox-pending">
              {outbox.pending.toLocaleString('ko-KR')}
            </td>
          </tr>
        }
      >
        {queues.map((q) => (
          <tr key={q.name} data-testid={`queue-${q.name}`}>
            <th scope="row">{QUEUE_LABEL[q.name] ?? q.name}</th>
            {COUNT_COLUMNS.map((c) => (
              <td key={c.key} className="num" data-testid={`queue-${q.name}-${c.key}`}>
                {cell(q.counts?.[c.key])}
              </td>
            ))}
            <td className="num">{q.outboxPending.toLocaleString('ko-KR')}</td>
          </tr>
        ))}
      </DataTable>
      {outbox.lastError && <p className="muted small">최근 전달 실패 사유: <span lang="en">{outbox.lastError}</span></p>}
    </section>
  );
}

function SchedulesPanel({ schedules, redisAvailable, onChanged }: { schedules: JobSchedule[]; redisAvailable: boolean; onChanged: () => void }) {
  return (
    <section className="panel" aria-labelledby="schedules-heading">
      <h2 id="schedules-heading">정기 작업</h2>
      <p className="muted small">
        지금 실행은 일정이 돌리는 작업을 바로 한 번 실행하고 결과까지 보여 줍니다. 모든 지금 실행은 감사 기록에 남습니다. 두 번째 보호자 회신서는 보호자 동의 회신 독려에서,
        마감된 설문의 최종 집계는 설문 배포·마감 최종 집계에서 함께 실행됩니다.
      </p>
      <DataTable caption="정기 작업 일정" testId="schedules" columns={['작업', '일정', '다음 실행', '지금 실행']}>
        {schedules.map((s) => (
          <ScheduleRow key={s.schedulerId} schedule={s} redisAvailable={redisAvailable} onChanged={onChanged} />
        ))}
      </DataTable>
    </section>
  );
}

function nextRunText(s: JobSchedule, redisAvailable: boolean): string {
  if (s.nextRunAt) return formatSeoulMinute(s.nextRunAt);
  if (!redisAvailable || s.registered === null) return '알 수 없음 (Redis 연결 없음)';
  if (!s.registered) return '등록되지 않음 (작업 처리기가 시작되면 등록됩니다)';
  return '-';
}

function ScheduleRow({ schedule, redisAvailable, onChanged }: { schedule: JobSchedule; redisAvailable: boolean; onChanged: () => void }) {
  const text = SCHEDULE_TEXT[schedule.schedulerId] ?? { title: jobLabel(schedule.jobName), covers: '' };
  const job = useJob(fetchJob, onChanged);
  const start = useAction();

  const runNow = () =>
    confirmThenRun(
      `'${text.title}' 작업을 지금 실행합니다. 일정과 같은 작업이 바로 한 번 실행되고 감사 기록에 남습니다. 계속할까요?`,
      () => job.start(() => api.runScheduleNow(schedule.schedulerId)),
      start.setError,
    );

  return (
    <tr data-testid={`schedule-${schedule.schedulerId}`}>
      <th scope="row">
        {text.title}
        {text.covers && <p className="muted small">{text.covers}</p>}
      </th>
      <td>
        {cronText(schedule.cron)}
        <span className="muted small"> ({schedule.cron})</span>
      </td>
      <td data-testid={`next-run-${schedule.schedulerId}`}>{nextRunText(schedule, redisAvailable)}</td>
      <td>
        <button type="button" className="button button-small button-primary" data-testid={`run-now-${schedule.schedulerId}`} disabled={job.busy} onClick={() => void runNow()}>
          {job.busy ? '실행 중…' : '지금 실행'}
        </button>
        <ErrorMessage error={start.error} title="작업을 시작하지 못했습니다." />
        <JobRunStatus run={job.run} jobName={schedule.jobName} testId={`schedule-status-${schedule.schedulerId}`} />
      </td>
    </tr>
  );
}

const RUNNING_LABEL: Record<string, string> = { pending: '대기열 전달 대기', queued: '대기 중', waiting: '대기 중', delayed: '재시도 대기', prioritized: '대기 중', active: '실행 중' };

/** Where a job started here stands (`data-state` running, done, failed), with its result in words. */
function JobRunStatus({ run, jobName, testId }: { run: JobRun<Job>; jobName: string; testId: string }) {
  if (run.state === 'idle') return null;
  return (
    <div className="job-status small" role="status" aria-live="polite" data-testid={testId} data-state={run.state}>
      {run.state === 'running' && <p>{RUNNING_LABEL[run.job?.state ?? 'queued'] ?? '진행 중'}…</p>}
      {run.state === 'done' && (
        <p className="notice">
          완료{run.job.result?.summary && <>: {summaryText(jobName, run.job.result.summary)}</>}
        </p>
      )}
      {run.state === 'failed' &&
        (run.error ? (
          <ErrorMessage error={run.error} title="작업 상태를 확인하지 못했습니다." />
        ) : (
          <p className="field-error">실패{run.job?.failedReason && <>: {run.job.failedReason}</>}</p>
        ))}
    </div>
  );
}

interface FailedProps {
  queues: QueueState[];
  redisAvailable: boolean;
  retried: FailedJob[];
  onRetried: (job: FailedJob) => void;
  onChanged: () => void;
}

function FailedJobsPanel({ queues, redisAvailable, retried, onRetried, onChanged }: FailedProps) {
  // A retried job leaves this list (it waits or runs again); should it fail again, it is back after the next refresh.
  const failed = queues.flatMap((q) => q.failedJobs ?? []);
  return (
    <section className="panel" aria-labelledby="failed-heading">
      <h2 id="failed-heading">실패한 작업</h2>
      <p className="muted small">모든 재시도 끝에 실패한 작업입니다. 대기열별로 최근 것부터 보여 줍니다. 다시 실행하면 시도 횟수를 처음부터 세며, 감사 기록에 남습니다.</p>
      {retried.length > 0 && (
        <ul className="row-list" aria-label="다시 실행한 작업" data-testid="retried-jobs">
          {retried.map((job) => (
            <RetriedJob key={job.id} job={job} onChanged={onChanged} />
          ))}
        </ul>
      )}
      {!redisAvailable ? (
        <p className="empty">Redis에 연결할 수 없어 실패한 작업을 불러올 수 없습니다.</p>
      ) : failed.length === 0 ? (
        <p className="empty" data-testid="no-failed-jobs">
          실패한 작업이 없습니다.
        </p>
      ) : (
        <DataTable caption="실패한 작업" testId="failed-jobs" columns={['대기열', '작업', '오류', num('시도'), '실패 시각', '요청자', '']}>
          {failed.map((job) => (
            <FailedJobRow key={job.id} job={job} onRetried={onRetried} />
          ))}
        </DataTable>
      )}
    </section>
  );
}

function FailedJobRow({ job, onRetried }: { job: FailedJob; onRetried: (job: FailedJob) => void }) {
  const retry = useAction();
  return (
    <tr data-testid={`failed-job-${job.id}`}>
      <td>{QUEUE_LABEL[job.queue] ?? job.queue}</td>
      <th scope="row">
        {jobLabel(job.name)}
        <p className="muted small">{job.id}</p>
      </th>
      <td data-testid={`failed-reason-${job.id}`}>
        <span lang="en">{job.failedReason ?? '-'}</span>
      </td>
      <td className="num">
        <span className="badge">
          {job.attemptsMade}/{job.attempts}회
        </span>
      </td>
      <td>{formatSeoulSecond(job.finishedAt)}</td>
      <td>{requesterText(job.requestedBy, job.requestedByName)}</td>
      <td>
        <button
          type="button"
          className="button button-small"
          data-testid={`retry-${job.id}`}
          disabled={retry.busy}
          onClick={() =>
            void retry.run(async () => {
              await api.retryJob(job.id);
              onRetried(job);
            })
          }
        >
          다시 실행
        </button>
        <ErrorMessage error={retry.error} title="다시 실행하지 못했습니다." />
      </td>
    </tr>
  );
}

/** A job retried from this page, followed until it completes or fails again. */
function RetriedJob({ job, onChanged }: { job: FailedJob; onChanged: () => void }) {
  const follower = useJob(fetchJob, onChanged);
  const { follow } = follower;
  useEffect(() => follow(job.id), [follow, job.id]);
  return (
    <li className="row-item">
      <span>
        다시 실행: <strong>{jobLabel(job.name)}</strong> <span className="muted small">({job.id})</span>
      </span>
      <JobRunStatus run={follower.run} jobName={job.name} testId={`retry-status-${job.id}`} />
    </li>
  );
}
