import { useEffect, useRef, useState } from 'react';
import { api } from '../api';
import type { ExportStarted, JobStatus } from '../types';
import { usePolling } from '../usePolling';
import { ErrorMessage } from './ErrorMessage';

type State =
  | { kind: 'idle' }
  | { kind: 'running'; job: JobStatus | null; deduplicated: boolean }
  | { kind: 'downloading' }
  | { kind: 'ready'; url: string; filename: string }
  | { kind: 'failed'; reason: string | null; error?: unknown };

const POLL_MS = 1000;

const JOB_STATE_LABEL: Record<JobStatus['state'], string> = {
  waiting: '대기 중',
  delayed: '대기 중',
  active: '작성 중',
  completed: '완료',
  failed: '실패',
};

/** Today as 20260302, for file names. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
}

interface Props {
  scopeNote?: string;
  /** The panel's heading; by default the AI-classroom export's. */
  title?: string;
  description?: string;
  /** Starts the job; by default the AI-classroom export. */
  start?: () => Promise<Pick<ExportStarted, 'statusUrl' | 'deduplicated'>>;
  /** The file's name when the server names none, without the date and extension. */
  filenameBase?: string;
}

/** Starts an XLSX export job, polls it, then fetches the file (it needs the bearer header) for download. */
export function ExportPanel({
  scopeNote,
  title = 'AI 교실 현황 내려받기',
  description = '학교별 AI 교실·기자재·동아리 현황을 엑셀(XLSX) 파일로 만듭니다. 파일 작성에는 몇 초가 걸릴 수 있습니다.',
  start: startJob = api.startExport,
  filenameBase = 'AI교실_현황',
}: Props) {
  const defaultFilename = () => `${filenameBase}_${today()}.xlsx`;
  const [state, setState] = useState<State>({ kind: 'idle' });
  const polling = usePolling();
  const blobUrl = useRef<string | null>(null);

  useEffect(
    () => () => {
      if (blobUrl.current) URL.revokeObjectURL(blobUrl.current);
    },
    [],
  );

  async function poll(statusUrl: string, deduplicated: boolean) {
    try {
      const job = await api.job(statusUrl);
      if (!polling.alive()) return;
      if (job.state === 'failed') {
        setState({ kind: 'failed', reason: job.failedReason });
      } else if (job.state === 'completed' && job.downloadUrl) {
        setState({ kind: 'downloading' });
        const file = await api.download(job.downloadUrl);
        if (!polling.alive()) return;
        if (blobUrl.current) URL.revokeObjectURL(blobUrl.current);
        blobUrl.current = URL.createObjectURL(file.blob);
        setState({ kind: 'ready', url: blobUrl.current, filename: file.filename ?? defaultFilename() });
      } else {
        setState({ kind: 'running', job, deduplicated });
        polling.after(POLL_MS, () => void poll(statusUrl, deduplicated));
      }
    } catch (error) {
      if (polling.alive()) setState({ kind: 'failed', reason: null, error });
    }
  }

  async function start() {
    polling.stop();
    setState({ kind: 'running', job: null, deduplicated: false });
    try {
      const started = await startJob();
      await poll(started.statusUrl, started.deduplicated);
    } catch (error) {
      if (polling.alive()) setState({ kind: 'failed', reason: null, error });
    }
  }

  const busy = state.kind === 'running' || state.kind === 'downloading';
  const progress = state.kind === 'running' ? Math.round(state.job?.progress ?? 0) : state.kind === 'idle' || state.kind === 'failed' ? 0 : 100;

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
      <div className="export-status" data-testid="export-status" data-state={state.kind} role="status" aria-live="polite">
        {state.kind === 'idle' && <p className="muted">아직 내보내기를 시작하지 않았습니다.</p>}
        {state.kind === 'running' && (
          <>
            <p>
              {state.job ? JOB_STATE_LABEL[state.job.state] : '요청 중'} · 진행률 <strong>{progress}%</strong>
              {state.deduplicated && <span className="muted"> (이미 진행 중인 내보내기를 이어서 확인합니다)</span>}
            </p>
            <progress max={100} value={progress} aria-label="내보내기 진행률">
              {progress}%
            </progress>
          </>
        )}
        {state.kind === 'downloading' && <p>파일을 내려받는 중… 진행률 100%</p>}
        {state.kind === 'ready' && (
          <p className="export-ready">
            <span>완료: 파일이 준비되었습니다.</span>{' '}
            <a className="button button-secondary" href={state.url} download={state.filename} data-testid="export-download">
              XLSX 다운로드 ({state.filename})
            </a>
          </p>
        )}
        {state.kind === 'failed' &&
          (state.error ? (
            <ErrorMessage error={state.error} title="내보내기에 실패했습니다." />
          ) : (
            <div className="alert alert-error" role="alert">
              <p className="alert-title">내보내기에 실패했습니다. 다시 시도하세요.</p>
              {state.reason && <p className="alert-body">사유: {state.reason}</p>}
            </div>
          ))}
      </div>
    </section>
  );
}
