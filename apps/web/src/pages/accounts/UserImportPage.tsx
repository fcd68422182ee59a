import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { DataTable, num } from '../../components/DataTable';
import { DownloadButton } from '../../components/DownloadButton';
import { Fact } from '../../components/Fact';
import { countText, ImportRejected } from '../../components/FileImport';
import { FileField, SubmitButton, useFileInput } from '../../components/fields';
import { queryClient } from '../../query';
import { Link } from 'react-router';
import type { RosterChange, RosterImportResult, User } from '../../api/models';
import { useAction } from '../../useAction';
import { accountPaths, ROSTER_FIELD_LABEL, ROSTER_REASONS, rosterColumn } from './accountLabels';
import { accountKeys } from './accountQueries';
import { UsersLayout } from './UsersLayout';

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const IMPORT_MESSAGES = {
  IMPORT_REJECTED: '명단에 잘못된 행이 있어 아무것도 바꾸지 않았습니다.',
  INVALID_FILE: '파일을 읽을 수 없습니다. CSV(UTF-8 또는 CP949) 또는 XLSX 파일인지 확인하세요.',
  FILE_TYPE_NOT_ALLOWED: 'CSV 또는 XLSX 파일만 올릴 수 있습니다.',
  FILE_EMPTY: '빈 파일입니다.',
  FILE_MISSING: '파일을 선택하세요.',
  PAYLOAD_TOO_LARGE: '파일이 너무 큽니다.',
};

/** What a roster row does to its account, as its badge says. */
const ROSTER_ACTION: Record<RosterChange['action'], { label: string; className: string }> = {
  create: { label: '새 계정', className: 'badge badge-ok' },
  update: { label: '고침', className: 'badge badge-info' },
  unchanged: { label: '바뀌지 않음', className: 'badge' },
};

const SCOPE_TEXT: Record<string, string> = {
  city_admin: '명단에 나온 학교의 학교장·교원 가운데',
  district_admin: '관할 교육지원청 학교의 학교장·교원 가운데',
  principal: '우리 학교 교원 가운데',
};

/**
 * 명단 가져오기: a staff roster (CSV or XLSX) into accounts, matched by teacher number. First a
 * 미리보기 (a dry run: counts and every row that would change), then 반영 (the same file for real),
 * then the new accounts' activation links (XLSX and the printable page).
 */
export function UserImportPage({ user }: { user: User }) {
  const input = useFileInput();
  const [disableMissing, setDisableMissing] = useState(false);
  const [preview, setPreview] = useState<RosterImportResult | null>(null);
  const [done, setDone] = useState<RosterImportResult | null>(null);
  const previewing = useAction();
  const applying = useAction();

  const forget = () => {
    setPreview(null);
    applying.setError(null);
  };

  async function runPreview(event: FormEvent) {
    event.preventDefault();
    const file = input.file;
    if (!file) return;
    setDone(null);
    forget();
    await previewing.run(async () => setPreview(await api.importRoster(file, { dryRun: true, disableMissing })));
  }

  async function apply() {
    const file = input.file;
    if (!file || !preview) return;
    await applying.run(async () => {
      setDone(await api.importRoster(file, { dryRun: false, disableMissing }));
      setPreview(null);
      input.clear();
      void queryClient.invalidateQueries({ queryKey: accountKeys.all });
    });
  }

  return (
    <UsersLayout user={user} title="명단 가져오기" lead="교직원 명단으로 계정을 한꺼번에 만들고 고칩니다. 교원번호가 같은 계정은 고치고, 없으면 새로 만듭니다. 한 행이라도 잘못되면 아무것도 바꾸지 않습니다.">
      <section className="panel" aria-labelledby="roster-heading">
        <h2 id="roster-heading">1. 파일 고르기</h2>
        <form className="form-grid import-form" aria-label="명단 파일 미리보기" onSubmit={runPreview} data-testid="roster-form">
          <FileField
            id="roster-file"
            input={{ ...input, setFile: (f) => { input.setFile(f); forget(); setDone(null); } }}
            accept={ACCEPT}
            hint="열: neis_school_code(학교코드), teacher_number(교원번호), name(성명), email(이메일), role(역할: 교사 또는 교장). 한글 머리글도 됩니다. UTF-8·CP949 CSV와 XLSX를 읽습니다."
          />
          <div className="field field-wide">
            <label className="checkbox" htmlFor="roster-disable-missing">
              <input id="roster-disable-missing" type="checkbox" checked={disableMissing} onChange={(e) => { setDisableMissing(e.target.checked); forget(); }} aria-describedby="roster-disable-missing-hint" />
              명단에 없는 계정 사용 중지
            </label>
            <span id="roster-disable-missing-hint" className="hint">
              {SCOPE_TEXT[user.role] ?? ''} 이 파일에 없는 사람의 계정을 사용 중지합니다(전출·퇴직). 사용 중지한 계정은 로그인할 수 없고, 사용자 화면에서 다시 사용으로 돌릴 수 있습니다.
            </span>
          </div>
          <div className="form-actions">
            <SubmitButton busy={previewing.busy} busyLabel="확인하는 중…" disabled={!input.file} testId="roster-preview">
              미리보기
            </SubmitButton>
            <span className="muted small">미리보기는 아무것도 바꾸지 않습니다.</span>
          </div>
        </form>
        <ImportRejected error={previewing.error ?? applying.error} messages={IMPORT_MESSAGES} title="명단을 가져오지 못했습니다." columnLabel={rosterColumn} reasons={ROSTER_REASONS} />
      </section>

      {preview && (
        <section className="panel" aria-labelledby="roster-preview-heading" data-testid="roster-preview-result">
          <h2 id="roster-preview-heading">2. 미리보기: 반영하면 이렇게 바뀝니다</h2>
          <RosterCounts result={preview} />
          <ChangeList result={preview} />
          <div className="form-actions">
            <button type="button" className="button button-primary" onClick={() => void apply()} disabled={applying.busy} data-testid="roster-apply">
              {applying.busy ? '반영하는 중…' : '반영'}
            </button>
            <button type="button" className="button button-ghost" onClick={forget}>
              취소
            </button>
          </div>
        </section>
      )}

      {done && (
        <section className="panel" aria-labelledby="roster-done-heading" data-testid="roster-done" role="status">
          <h2 id="roster-done-heading">3. 반영했습니다</h2>
          <RosterCounts result={done} />
          {done.batchId !== null && done.activationLinks > 0 ? (
            <div className="roster-links">
              <p>
                새 계정 등 <strong data-testid="roster-links-count">{countText(done.activationLinks)}</strong>명에게 활성화 링크를 만들었습니다. 인쇄하거나 파일로 받아 본인에게 나눠 주세요.
              </p>
              <div className="row-actions">
                <Link to={accountPaths.linksOf({ batchId: done.batchId })} className="button button-primary" data-testid="roster-print-links">
                  활성화 링크 인쇄
                </Link>
                {done.activationLinksUrl && <DownloadButton url={done.activationLinksUrl} label="활성화 링크 XLSX" filename="계정_활성화_링크.xlsx" testId="roster-links-xlsx" />}
              </div>
            </div>
          ) : (
            <p className="muted">새로 만들 활성화 링크가 없습니다.</p>
          )}
        </section>
      )}
    </UsersLayout>
  );
}

function RosterCounts({ result }: { result: RosterImportResult }) {
  return (
    <dl className="facts roster-counts">
      <Fact label="파일의 행" testId="roster-received">
        {countText(result.received)}
      </Fact>
      <Fact label={result.dryRun ? '새로 만들 계정' : '새로 만든 계정'} testId="roster-created">
        {countText(result.created)}
      </Fact>
      <Fact label={result.dryRun ? '고칠 계정' : '고친 계정'} testId="roster-updated">
        {countText(result.updated)}
      </Fact>
      <Fact label="바뀌지 않음" testId="roster-unchanged">
        {countText(result.unchanged)}
      </Fact>
      <Fact label={result.dryRun ? '사용 중지할 계정' : '사용 중지한 계정'} testId="roster-disabled">
        {countText(result.disabled)}
      </Fact>
      <Fact label="파일 인코딩">{result.encoding ? result.encoding.toUpperCase() : '-'}</Fact>
    </dl>
  );
}

/** The rows that create or change accounts, the accounts to disable, and those that stay disabled. */
function ChangeList({ result }: { result: RosterImportResult }) {
  return (
    <>
      {result.changes.length === 0 ? (
        <p className="empty">새로 만들거나 고칠 계정이 없습니다.</p>
      ) : (
        <DataTable testId="roster-changes" caption="바뀔 계정" captionClassName="table-caption" columns={[num('행'), '구분', '교원번호', '이름', '이메일', '바뀌는 항목']}>
          {result.changes.map((c) => (
            <tr key={c.row}>
              <td className="num">{c.row}</td>
              <td>
                <span className={ROSTER_ACTION[c.action].className}>{ROSTER_ACTION[c.action].label}</span>
              </td>
              <td>{c.teacherNumber}</td>
              <td>{c.name}</td>
              <td className="cell-email">{c.email}</td>
              <td>{c.action === 'update' ? c.fields.map((f) => ROSTER_FIELD_LABEL[f] ?? f).join(', ') : '-'}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {result.disabledAccounts.length > 0 && (
        <DataTable testId="roster-disabled-list" caption="사용 중지할 계정 (명단에 없음)" captionClassName="table-caption" columns={['이름', '이메일', '교원번호']}>
          {result.disabledAccounts.map((a) => (
            <tr key={a.id}>
              <td>{a.name}</td>
              <td className="cell-email">{a.email}</td>
              <td>{a.teacherNumber ?? '-'}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {result.stillDisabled.length > 0 && (
        <p className="alert alert-info">
          사용 중지된 계정 {countText(result.stillDisabled.length)}개({result.stillDisabled.map((s) => `${s.row}행 ${s.teacherNumber}`).join(', ')})는 명단에 있어도 사용 중지 상태로 둡니다. 다시 쓰게 하려면
          사용자 화면에서 ‘다시 사용’을 누르세요.
        </p>
      )}
    </>
  );
}
