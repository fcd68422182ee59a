import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../api';
import { reasonInKorean } from '../errorReasons';
import { koreanSummary } from '../errors';
import { useAction } from '../useAction';
import { useJob, type FollowedJob } from '../useJob';
import { DataTable, num } from './DataTable';
import { ErrorMessage } from './ErrorMessage';
import { Fact } from './Fact';
import { FileField, SubmitButton, useFileInput, type FileInput } from './fields';

// The parts of an all-or-nothing file import panel (training completions, literacy results): the
// upload, the form, the list of bad rows and columns when the file is rejected, the counts when it
// is not, and the job the import starts.

interface FileImportOptions<R, J> {
  upload: (file: File) => Promise<R>;
  /** The job the import started (badge issuing, the analysis). */
  jobOf: (result: R) => string;
  fetchJob: (jobId: string) => Promise<J>;
  /** After the import and again when its job completes. */
  onChanged: () => void;
}

/** An upload, its counts and the job it starts; `submit` forgets the last ones first. */
export function useFileImport<R, J extends FollowedJob>({ upload, jobOf, fetchJob, onChanged }: FileImportOptions<R, J>) {
  const input = useFileInput();
  const { busy, error, run } = useAction();
  const [result, setResult] = useState<R | null>(null);
  const job = useJob(fetchJob, onChanged);

  async function submit(file: File) {
    setResult(null);
    job.reset();
    await run(async () => {
      const imported = await upload(file);
      setResult(imported);
      input.clear();
      onChanged();
      job.follow(jobOf(imported));
    });
  }

  return { input, busy, error, result, job, submit };
}

/** A server reason (English) matched by the pattern, and its Korean wording from the groups. */
export type ReasonRule = [RegExp, (...groups: string[]) => string];

/** The Korean wording of the first rule that matches; null when none does. */
export function koreanReason(reason: string, rules: readonly ReasonRule[]): string | null {
  for (const [re, say] of rules) {
    const m = re.exec(reason);
    if (m) return say(...m.slice(1).map((g) => g ?? ''));
  }
  return null;
}

/** The reason in Korean with the server's wording after it, or the server's wording alone. */
function Reason({ reason, rules }: { reason: string; rules: readonly ReasonRule[] }) {
  const ko = koreanReason(reason, rules) ?? reasonInKorean(reason) ?? null;
  if (!ko) return <span lang="en">{reason}</span>;
  return (
    <>
      {ko}{' '}
      <span className="muted small" lang="en">
        ({reason})
      </span>
    </>
  );
}

interface ImportFormProps {
  /** The form's accessible name, e.g. "이수 기록 파일 올리기". */
  label: string;
  input: FileInput;
  accept: string;
  /** The columns the file needs, under the file field. */
  hint: ReactNode;
  busy: boolean;
  onSubmit: (file: File) => void;
  /** More fields after the file (e.g. the duplicate policy). */
  children?: ReactNode;
}

/** The upload form (`data-testid="import-form"`): 파일 (`import-file`), other fields, 가져오기 (`import-submit`). */
export function ImportForm({ label, input, accept, hint, busy, onSubmit, children }: ImportFormProps) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (input.file) onSubmit(input.file);
  };
  return (
    <form className="form-grid import-form" aria-label={label} onSubmit={submit} data-testid="import-form">
      <FileField id="import-file" input={input} accept={accept} hint={hint} />
      {children}
      <div className="form-actions">
        <SubmitButton busy={busy} busyLabel="가져오는 중…" disabled={!input.file} testId="import-submit">
          가져오기
        </SubmitButton>
      </div>
    </form>
  );
}

interface ImportRejectedProps {
  error: unknown;
  /** Korean headlines for this import's error codes. */
  messages: Readonly<Record<string, string>>;
  /** The headline of a failure that names no rows. */
  title: string;
  /** How a column is named in the table, e.g. "completed_on (이수일)". */
  columnLabel: (column: string | undefined) => string;
  /** The server's reasons in Korean. */
  reasons: readonly ReasonRule[];
}

/**
 * A failed import: every bad row and column (`import-error`, `import-error-table`) when the server
 * lists them, otherwise the error as usual.
 */
export function ImportRejected({ error, messages, title, columnLabel, reasons }: ImportRejectedProps) {
  if (error === null || error === undefined) return null;
  const rowProblems = error instanceof ApiError ? error.details.filter((d) => d.row !== undefined) : [];
  if (rowProblems.length === 0) return <ErrorMessage error={error} title={title} messages={messages} />;
  return (
    <div className="alert alert-error import-errors" role="alert" data-testid="import-error">
      <p className="alert-title">{koreanSummary(error, messages)}</p>
      <p className="alert-body">
        잘못된 곳 {rowProblems.length.toLocaleString('ko-KR')}건 ({new Set(rowProblems.map((p) => p.row)).size.toLocaleString('ko-KR')}개 행). 파일을 고친 뒤 다시
        올리세요. 행 번호는 엑셀에서 보이는 번호(머리글 = 1행)입니다.
      </p>
      <DataTable testId="import-error-table" caption="가져오지 못한 행과 열" columns={[num('행'), '열', '사유']}>
        {rowProblems.map((p, i) => (
          <tr key={i}>
            <td className="num">{p.row}</td>
            <td>{columnLabel(p.column)}</td>
            <td>
              <Reason reason={p.reason ?? ''} rules={reasons} />
            </td>
          </tr>
        ))}
      </DataTable>
      {error instanceof ApiError && (
        <p className="alert-meta muted small">
          오류 코드 {error.code} · HTTP {error.status}
          {error.requestId && ` · 요청 ID ${error.requestId}`}
        </p>
      )}
    </div>
  );
}

/** One count of a finished import: label, test id, value. */
export type ImportFact<R> = [string, string, (result: R) => string];

/** A finished import (`import-result`): 가져오기를 마쳤습니다, its counts, then what follows (a job). */
export function ImportDone<R>({ result, facts, children }: { result: R; facts: readonly ImportFact<R>[]; children?: ReactNode }) {
  return (
    <div className="import-result" data-testid="import-result" role="status" aria-live="polite">
      <p className="notice">가져오기를 마쳤습니다.</p>
      <dl className="facts">
        {facts.map(([label, testId, value]) => (
          <Fact key={testId} label={label} testId={testId}>
            {value(result)}
          </Fact>
        ))}
      </dl>
      {children}
    </div>
  );
}

/** A count for an import's facts. */
export const countText = (n: number) => n.toLocaleString('ko-KR');
