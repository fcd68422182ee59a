import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import type { Job } from '../../api/models';
import { privacyOfficeApi as privacyApi } from '../../api/privacyOffice';
import { useJob } from '../../useJob';
import { JobStatusLine } from '../surveys/JobStatusLine';
import { categoryLabel, count } from './privacyLabels';
import { privacyKeys } from './privacyQueries';

/** What a finished run says, from the job's summary (destroyed, held, rules never approved). */
function doneText(job: Job): string {
  const summary = job.result?.summary ?? {};
  const destroyed = Number(summary.destroyed ?? 0);
  const held = Number(summary.held ?? 0);
  const unapproved = Array.isArray(summary.unapproved) ? (summary.unapproved as string[]) : [];
  const parts = [destroyed > 0 ? `${count(destroyed)}건을 파기했습니다.` : '파기할 대상이 없었습니다.'];
  if (held > 0) parts.push(`법적 보존으로 ${count(held)}건을 남겼습니다.`);
  if (unapproved.length > 0) parts.push(`승인되지 않은 규칙(${unapproved.map(categoryLabel).join(', ')})은 적용하지 않았습니다.`);
  return parts.join(' ');
}

/**
 * 파기 실행: after a confirmation, starts the destruction now (POST /privacy/destruction/run, a
 * background job) and follows it; done, the register and the preview are read again.
 */
export function DestructionRun() {
  const queryClient = useQueryClient();
  const job = useJob(api.jobById<Job>, () => {
    for (const queryKey of [privacyKeys.register, privacyKeys.dryRun, privacyKeys.accessLog]) void queryClient.invalidateQueries({ queryKey });
  });
  const run = () => {
    if (!window.confirm('보존 기간이 지난 개인정보를 지금 파기합니다. 파기한 정보는 되살릴 수 없습니다. 계속할까요?')) return;
    void job.start(privacyApi.runDestruction);
  };
  return (
    <section className="panel" aria-labelledby="run-heading">
      <div className="panel-head">
        <div>
          <h2 id="run-heading">파기 실행</h2>
          <p className="muted small">승인된 규칙을 지금 적용합니다. 법적 보존 중인 학교·학생의 정보는 남기며, 규칙마다 파기 대장에 기록됩니다.</p>
        </div>
        <button type="button" className="button button-danger" onClick={run} disabled={job.busy} data-testid="run-destruction">
          {job.busy ? '파기 중…' : '파기 실행'}
        </button>
      </div>
      <JobStatusLine run={job.run} testId="destruction-status" failedTitle="파기를 마치지 못했습니다." doneText={job.run.state === 'done' ? doneText(job.run.job) : ''} />
    </section>
  );
}
