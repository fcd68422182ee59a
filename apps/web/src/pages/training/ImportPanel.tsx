import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api';
import type { CompletionImportResult, DuplicatePolicy, Job } from '../../api/models';
import { ErrorMessage } from '../../components/ErrorMessage';
import { countText, ImportDone, ImportForm, ImportRejected, useFileImport, type ImportFact, type ReasonRule } from '../../components/FileImport';
import { Field } from '../../components/fields';
import { COMPLETION_COLUMN_LABEL, DUPLICATE_POLICY_HELP, DUPLICATE_POLICY_LABEL } from '../../labels';
import type { JobRun } from '../../useJob';
import { trainingKeys } from './queries';

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const IMPORT_MESSAGES = {
  INVALID_FILE: '파일을 읽을 수 없습니다. CSV(UTF-8 또는 CP949) 또는 XLSX 파일인지 확인하세요.',
  FILE_TYPE_NOT_ALLOWED: 'CSV 또는 XLSX 파일만 올릴 수 있습니다.',
  FILE_EMPTY: '빈 파일입니다.',
  PAYLOAD_TOO_LARGE: '파일이 너무 큽니다.',
};

const RESULT_FACTS: ImportFact<CompletionImportResult>[] = [
  ['파일의 행', 'import-received', (r) => countText(r.received)],
  ['새로 등록', 'import-inserted', (r) => countText(r.inserted)],
  ['덮어씀', 'import-replaced', (r) => countText(r.replaced)],
  ['건너뜀(중복)', 'import-skipped', (r) => countText(r.skipped)],
  ['새 연수 대상자', 'import-participants-created', (r) => countText(r.participantsCreated)],
  ['파일 인코딩', 'import-encoding', (r) => r.encoding.toUpperCase()],
];

const JOB_STATE_LABEL: Record<string, string> = {
  waiting: '대기 중',
  delayed: '대기 중',
  prioritized: '대기 중',
  active: '발급 중',
  completed: '완료',
  failed: '실패',
};

/** A count the badge job reports: its progress's `issued`, its summary's `courseBadges` and `levelBadges`. */
const figure = (figures: Record<string, unknown> | number | undefined, key: string): number | undefined => {
  const n = figures && typeof figures === 'object' ? figures[key] : undefined;
  return typeof n === 'number' ? n : undefined;
};
const issuedOf = (job: Job | null): number => figure(job?.progress, 'issued') ?? 0;

/** A CSV column name with its Korean name, e.g. "completed_on (이수일)". */
const columnLabel = (column: string | undefined): string => {
  if (!column) return '-';
  const ko = COMPLETION_COLUMN_LABEL[column];
  return ko ? `${column} (${ko})` : column;
};

const KIND_KO: Record<string, string> = { teacher: '교원', staff: '직원', parent: '학부모' };

/** The server's reasons (English) in Korean, for the ones the completion import gives; null for others. */
const REASONS: ReasonRule[] = [
  [/^empty$/, () => '값이 비어 있습니다.'],
  [/^longer than (\d+) characters$/, (n) => `${n}자를 넘습니다.`],
  [/^not an email address: '(.*)'$/, (v) => `이메일 주소 형식이 아닙니다('${v}').`],
  [/^must be 교원, 직원 or 학부모 .*got '(.*)'$/, (v) => `교원·직원·학부모 중 하나여야 합니다('${v}').`],
  [/^no school with NEIS code '(.*)'$/, (v) => `NEIS 학교코드 '${v}'인 학교가 없습니다.`],
  [/^must be a date YYYY-MM-DD, got '(.*)'$/, (v) => `날짜(YYYY-MM-DD)가 아닙니다('${v}').`],
  [/^is in the future$/, () => '아직 오지 않은 날짜입니다.'],
  [/^no course '(.*)'$/, (v) => `과정코드 '${v}'인 과정이 없습니다.`],
  [/^course '(.*)' is not offered in school year (\d+)$/, (c, y) => `과정 '${c}'은(는) ${y}학년도에 개설되지 않았습니다.`],
  [/^course '(.*)' is not for (\w+)$/, (c, k) => `과정 '${c}'은(는) ${KIND_KO[k] ?? k} 대상 과정이 아닙니다.`],
  [/^course '(.*)' has no session '(.*)'$/, (c, v) => `과정 '${c}'에 '${v}' 차수가 없습니다.`],
  [/^must be a positive number of hours.*got '(.*)'$/, (v) => `이수시간은 0보다 크고 소수점 한 자리까지인 숫자여야 합니다('${v}').`],
  [/^duplicate of row (\d+)/, (r) => `${r}행과 같은 사람·과정·차수입니다(중복 처리: 파일 거부).`],
  [/duplicate policy: reject/, () => '같은 사람·과정·차수의 이수 기록이 이미 있습니다(중복 처리: 파일 거부).'],
  [/^required column is missing(?: \(also accepted: (.*)\))?$/, (alt) => `필수 열이 없습니다.${alt ? ` (다른 이름: ${alt})` : ''}`],
  [/^file is empty$/, () => '빈 파일입니다.'],
];

/**
 * 이수 기록 가져오기 (city administrators): a CSV/XLSX file with a duplicate policy; all rows or none.
 * Shows the counts, every bad row and column when the file is rejected, and the badge issuing job.
 */
export function ImportPanel() {
  const [policy, setPolicy] = useState<DuplicatePolicy>('skip');
  const queryClient = useQueryClient();
  const { input, busy, error, result, job, submit } = useFileImport({
    upload: (file) => api.importCompletions(file, policy),
    jobOf: (imported) => imported.badgeJobId,
    fetchJob: api.jobById<Job>,
    // The statistics, the people and their records change with the import, and again with the badges.
    onChanged: () => void queryClient.invalidateQueries({ queryKey: trainingKeys.all }),
  });

  return (
    <section className="panel" aria-labelledby="import-heading" id="import">
      <h2 id="import-heading">이수 기록 가져오기</h2>
      <p className="muted small">
        연수 기관이 보낸 이수자 명단(CSV 또는 XLSX)을 올리면 이수 기록을 등록하고 디지털 배지를 발급합니다. 한 행이라도 잘못되면 아무것도 등록하지 않고
        잘못된 행과 열을 모두 알려 드립니다.
      </p>
      <ImportForm
        label="이수 기록 파일 올리기"
        input={input}
        accept={ACCEPT}
        busy={busy}
        onSubmit={(file) => void submit(file)}
        hint="필수 열: participant_id(식별번호), name(성명), kind(구분: 교원·직원·학부모), course_code(과정코드), completed_on(이수일). 선택 열: email(이메일), neis_school_code(학교코드), session_code(차수), hours(이수시간). UTF-8·CP949 CSV와 XLSX를 읽습니다."
      >
        <Field id="import-duplicates" label="중복 처리">
          <select id="import-duplicates" value={policy} onChange={(e) => setPolicy(e.target.value as DuplicatePolicy)} aria-describedby="import-duplicates-hint">
            {(Object.entries(DUPLICATE_POLICY_LABEL) as [DuplicatePolicy, string][]).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <span id="import-duplicates-hint" className="hint" data-testid="import-policy-hint">
            같은 사람·과정·차수의 기록이 이미 있으면 {DUPLICATE_POLICY_HELP[policy]}
          </span>
        </Field>
      </ImportForm>

      <ImportRejected error={error} messages={IMPORT_MESSAGES} title="이수 기록을 가져오지 못했습니다." columnLabel={columnLabel} reasons={REASONS} />

      {result && (
        <ImportDone result={result} facts={RESULT_FACTS}>
          {job.run.state !== 'idle' && <BadgeJobLine run={job.run} />}
        </ImportDone>
      )}
    </section>
  );
}

function BadgeJobLine({ run }: { run: Exclude<JobRun<Job>, { state: 'idle' }> }) {
  if (run.state === 'done') {
    const summary = run.job.result?.summary;
    return (
      <p className="badge-job" data-testid="badge-job" data-state="completed">
        배지 발급 완료: 과정 배지 <strong data-testid="badge-job-course">{figure(summary, 'courseBadges') ?? issuedOf(run.job)}</strong>개, 단계 배지{' '}
        <strong data-testid="badge-job-level">{figure(summary, 'levelBadges') ?? 0}</strong>개를 새로 발급했습니다.
      </p>
    );
  }
  if (run.state === 'failed') {
    return run.error ? (
      <div data-testid="badge-job" data-state="failed">
        <ErrorMessage error={run.error} title="배지 발급 상태를 확인하지 못했습니다." />
      </div>
    ) : (
      <div className="alert alert-error" role="alert" data-testid="badge-job" data-state="failed">
        <p className="alert-title">배지 발급에 실패했습니다. 잠시 후 다시 가져오면 빠진 배지만 발급합니다.</p>
        {run.job?.failedReason && <p className="alert-body">사유: {run.job.failedReason}</p>}
      </div>
    );
  }
  const state = run.job?.state ?? 'waiting';
  return (
    <div className="badge-job" data-testid="badge-job" data-state={state}>
      <p>
        배지 발급 {JOB_STATE_LABEL[state] ?? state}… 지금까지 <strong>{issuedOf(run.job).toLocaleString('ko-KR')}</strong>개 발급
      </p>
      <progress aria-label="배지 발급 진행" />
    </div>
  );
}
