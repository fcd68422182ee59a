import { useEffect, useRef, useState } from 'react';
import { api } from '../../api';
import type { Job } from '../../api/models';
import { ordinanceUrls, plansApi } from '../../api/ordinance';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useAction } from '../../useAction';
import { jobPercent, useJob } from '../../useJob';

/**
 * 연차 보고서 (조례 제4조): builds the year's report in the background (XLSX and a printable A4 page), follows the job,
 * then offers the XLSX and the printable A4 page (both fetched with the bearer header).
 */
export function AnnualReportPanel({ planId, year }: { planId: number; year: number }) {
  const [xlsx, setXlsx] = useState<{ url: string; filename: string } | null>(null);
  const blobs = useRef<string[]>([]);
  useEffect(() => () => blobs.current.forEach((url) => URL.revokeObjectURL(url)), []);
  const fetchFile = useAction();
  const job = useJob(api.jobById<Job>, (done) => {
    if (!done.downloadUrl) return;
    const url = done.downloadUrl;
    void fetchFile.run(async () => {
      const file = await api.download(url);
      const href = URL.createObjectURL(file.blob);
      blobs.current.push(href);
      setXlsx({ url: href, filename: file.filename ?? `${year}학년도_연차보고서.xlsx` });
    });
  });
  const page = useAction();
  // The A4 page needs the session's token, and the app's Content-Security-Policy (which a blob shown in a tab would
  // inherit) refuses its inline print styles: it is saved as an HTML file, which the browser opens and prints as is.
  const savePage = () =>
    void page.run(async () => {
      const file = await api.download(ordinanceUrls.reportPage(planId, year));
      const href = URL.createObjectURL(file.blob);
      blobs.current.push(href);
      const a = document.createElement('a');
      a.href = href;
      a.download = `${year}학년도_연차보고서_A4.html`;
      document.body.append(a);
      a.click();
      a.remove();
    });
  const start = () => {
    setXlsx(null);
    void job.start(() => plansApi.startAnnualReport(planId, year));
  };
  const { run } = job;
  const percent = run.state === 'running' ? (jobPercent(run.job) ?? 0) : 0;
  return (
    <section className="panel" aria-labelledby="report-heading">
      <div className="panel-head">
        <div>
          <h2 id="report-heading">연차 보고서</h2>
          <p className="muted small">과제별 예산·집행과 지표의 목표 대비 실적을 엑셀(XLSX)과 인쇄용 A4 문서로 만듭니다.</p>
        </div>
        <button type="button" className="button button-primary" onClick={start} disabled={job.busy} data-testid="report-start">
          {job.busy ? '만드는 중…' : '연차 보고서 만들기'}
        </button>
      </div>
      <div role="status" aria-live="polite" data-testid="report-status" data-state={run.state}>
        {run.state === 'running' && (
          <p>
            작성 중 · 진행률 <strong>{percent}%</strong>{' '}
            <progress max={100} value={percent} aria-label="연차 보고서 작성 진행률">
              {percent}%
            </progress>
          </p>
        )}
        {run.state === 'done' && (
          <p className="report-ready">
            <span className="notice">완료: 연차 보고서를 만들었습니다.</span>{' '}
            {xlsx ? (
              <a className="button button-secondary" href={xlsx.url} download={xlsx.filename} data-testid="report-xlsx">
                XLSX 다운로드
              </a>
            ) : (
              fetchFile.busy && <span className="muted small">파일을 내려받는 중…</span>
            )}{' '}
            <button type="button" className="button" onClick={savePage} disabled={page.busy} data-testid="report-page">
              {page.busy ? '내려받는 중…' : 'A4 인쇄용 보고서(HTML)'}
            </button>
          </p>
        )}
        {run.state === 'failed' &&
          (run.error ? (
            <ErrorMessage error={run.error} title="연차 보고서를 만들지 못했습니다." />
          ) : (
            <div className="alert alert-error" role="alert">
              <p className="alert-title">연차 보고서를 만들지 못했습니다. 다시 시도하세요.</p>
              {run.job?.failedReason && <p className="alert-body">사유: {run.job.failedReason}</p>}
            </div>
          ))}
        <ErrorMessage error={fetchFile.error} title="보고서 파일을 내려받지 못했습니다." />
        <ErrorMessage error={page.error} title="A4 보고서를 내려받지 못했습니다." />
      </div>
    </section>
  );
}
