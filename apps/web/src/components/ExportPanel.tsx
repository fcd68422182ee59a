import { useEffect, useRef, useState } from 'react';
import { api } from '../api';
import type { Job, JobAccepted, JobState } from '../api/models';
import { jobPercent, useJob } from '../useJob';
import { ErrorMessage } from './ErrorMessage';

/** After the job: the file being fetched, ready to save, or not fetched. */
type FileState = { kind: 'none' } | { kind: 'downloading' } | { kind: 'ready'; url: string; filename: string } | { kind: 'failed'; error: unknown };

const JOB_STATE_LABEL: Record<JobState, string> = {
  pending: '대기 중',
  queued: '대기 중',
  waiting: '대기 중',
  'waiting-children': '대기 중',
  prioritized: '대기 중',
  delayed: '대기 중',
  active: '작성 중',
  completed: '완료',
  failed: '실패',
  unknown: '확인 중',
};

const fetchJob = (jobId: string) => api.jobById(jobId);

/** Today as 20260302, for file names. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
}

/** What starting an export answers: the job (202), or, for a page that built it, its status URL (`/api/v1/jobs/{id}`). */
type Started = Pick<JobAccepted, 'jobId' | 'deduplicated'> | { statusUrl: string; deduplicated: boolean };

const jobIdOf = (started: Started): string =>
  'jobId' in started ? started.jobId : decodeURIComponent(started.statusUrl.slice(started.statusUrl.lastIndexOf('/') + 1));

interface Props {
  scopeNote?: string;
  /** The panel's heading; by default the AI-classroom export's. */
  title?: string;
  description?: string;
  /** Starts the job; by default the AI-classroom export. */
  start?: () => Promise<Started>;
  /** The file's name when the server names none, without the date and extension. */
  filenameBase?: string;
}

/** Starts an XLSX export job, follows it, then fetches the file (it needs the bearer header) for download. */
export function ExportPanel({
  scopeNote,
  title = 'AI 교실 현황 내려받기',
  description = '학교별 AI 교실·기자재·동아리 현황을 엑셀(XLSX) 파일로 만듭니다. 파일 작성에는 몇 초가 걸릴 수 있습니다.',
  start: startJob = api.startExport,
  filenameBase = 'AI교실_현황',
}: Props) {
  const [deduplicated, setDeduplicated] = useState(false);
  const [file, setFile] = useState<FileState>({ kind: 'none' });
  const blobUrl = useRef<string | null>(null);
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      if (blobUrl.current) URL.revokeObjectURL(blobUrl.current);
    };
  }, []);

  /** The job completed: fetch its file. */
  async function fetchFile(job: Job) {
    if (!job.downloadUrl) return;
    setFile({ kind: 'downloading' });
    try {
      const fetched = await api.download(job.downloadUrl);
      if (!alive.current) return;
      if (blobUrl.current) URL.revokeObjectURL(blobUrl.current);
      blobUrl.current = URL.createObjectURL(fetched.blob);
      setFile({ kind: 'ready', url: blobUrl.current, filename: fetched.filename ?? `${filenameBase}_${today()}.xlsx` });
    } catch (error) {
      if (alive.current) setFile({ kind: 'failed', error });
    }
  }

  const job = useJob(fetchJob, (done) => void fetchFile(done));
  const { run } = job;

  const start = () => {
    setFile({ kind: 'none' });
    setDeduplicated(false);
    return job.start(async () => {
      const started = await startJob();
      setDeduplicated(started.deduplicated);
      return { jobId: jobIdOf(started) };
    });
  };

  // A completed job without a file (downloadUrl null) fails like a failed job.
  const noFile = run.state === 'done' && !run.job.downloadUrl;
  const state =
    run.state === 'failed' || noFile || file.kind === 'failed'
      ? 'failed'
      : run.state === 'done'
        ? file.kind === 'ready'
          ? 'ready'
          : 'downloading'
        : run.state;
  const error = run.state === 'failed' ? run.error : file.kind === 'failed' ? file.error : undefined;
  const reason = run.state === 'failed' ? (run.job?.failedReason ?? null) : null;
  const busy = state === 'running' || state === 'downloading';
  const progress = run.state === 'running' ? (jobPercent(run.job) ?? 0) : state === 'idle' || state === 'failed' ? 0 : 100;

  return (
    <section className="panel export-panel" aria-labelledby="export-heading">
      <div className="panel-head">
        <div>
          <h2 id="export-heading">{title}</h2>
          <p className="muted">{description}</p>
          {scopeNote && <p className="muted small">{scopeNote}</p>}
        </div>
        <button type="button" className="button button-primary" data-testid="export-button" onClick={() => void start()} disabled={busy}>
          {busy ? '내보내는 중…' : 'XLSX 내보내기'}
        </button>
      </div>
      <div className="export-status" data-testid="export-status" data-state={state} role="status" aria-live="polite">
        {state === 'idle' && <p className="muted">아직 내보내기를 시작하지 않았습니다.</p>}
        {run.state === 'running' && (
          <>
            <p>
              {run.job ? JOB_STATE_LABEL[run.job.state] : '요청 중'} · 진행률 <strong>{progress}%</strong>
              {deduplicated && <span className="muted"> (이미 진행 중인 내보내기를 이어서 확인합니다)</span>}
            </p>
            <progress max={100} value={progress} aria-label="내보내기 진행률">
              {progress}%
            </progress>
          </>
        )}
        {state === 'downloading' && <p>파일을 내려받는 중… 진행률 100%</p>}
        {file.kind === 'ready' && (
          <p className="export-ready">
            <span>완료: 파일이 준비되었습니다.</span>{' '}
            <a className="button button-secondary" href={file.url} download={file.filename} data-testid="export-download">
              XLSX 다운로드 ({file.filename})
            </a>
          </p>
        )}
        {state === 'failed' &&
          (error ? (
            <ErrorMessage error={error} title="내보내기에 실패했습니다." />
          ) : (
            <div className="alert alert-error" role="alert">
              <p className="alert-title">내보내기에 실패했습니다. 다시 시도하세요.</p>
              {reason && <p className="alert-body">사유: {reason}</p>}
            </div>
          ))}
      </div>
    </section>
  );
}
