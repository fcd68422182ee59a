import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import type { Account, AccountPatch, DistrictOffice, DistrictOfficeCode, ResetMethod, ResetResult, Role, School, User } from '../../api/models';
import { Breadcrumb } from '../../components/Breadcrumb';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Fact } from '../../components/Fact';
import { InputField, Notice, SelectField, SubmitButton } from '../../components/fields';
import { PageFallback } from '../../components/PageFallback';
import { confirmThenRun } from '../../confirm';
import { useDistrictOffices } from '../../coreQueries';
import { formatSeoulMinute, officeOptions, ROLE_LABEL } from '../../labels';
import { queryClient } from '../../query';
import { isCityAdmin } from '../../roles';
import { Link } from 'react-router';
import { useAction } from '../../useAction';
import { accountKeys, userQuery } from './accountQueries';
import { ACCOUNT_FIELDS, ACCOUNT_STATUS_LABEL, accountPaths, accountPlace, assignableRoles, describeAccountDetail, fieldError, isSchoolRole, roleOptions } from './accountLabels';
import { AuditEntries } from './AuditEntries';
import { OneTimeSecret } from './OneTimeSecret';
import { SchoolPicker } from './SchoolPicker';

const ACCOUNT_ERRORS = {
  ACCOUNT_OUT_OF_REACH: '이 계정이나 역할·소속은 바꿀 권한이 없습니다.',
  VALIDATION_FAILED: '입력값을 확인하세요. 표시한 칸을 고쳐 주세요.',
  ACCOUNT_DISABLED: '사용 중지된 계정입니다. 먼저 다시 사용으로 바꾸세요.',
};

/**
 * One account: who and where, 정보 수정 (name, email, teacher number, role and place), 사용 중지 /
 * 다시 사용, 비밀번호 초기화 (a link or a temporary password, shown once), and for city
 * administrators its audit history.
 */
export function UserPage({ user, userId }: { user: User; userId: string }) {
  const account = useQuery(userQuery(userId));
  const { offices } = useDistrictOffices();
  const [notice, setNotice] = useState<string | null>(null);
  const status = useAction();

  if (!account.data) return <PageFallback error={account.error} heading="사용자" errorTitle="사용자 정보를 불러오지 못했습니다." back={{ to: accountPaths.list, label: '사용자 목록으로 돌아가기' }} />;
  const a = account.data;
  const self = a.id === user.id;
  /** A change saved: the account as it now is, the lists and the audit entries refreshed. */
  const saved = (next: Account, text: string) => {
    queryClient.setQueryData(accountKeys.user(next.id), next);
    void queryClient.invalidateQueries({ queryKey: accountKeys.all, predicate: (q) => q.queryKey[1] !== 'detail' });
    void queryClient.invalidateQueries({ queryKey: accountKeys.audit });
    setNotice(text);
  };

  const toggle = () => {
    const disable = a.status === 'active';
    const question = disable
      ? `${a.name}(${a.email}) 계정을 사용 중지할까요? 바로 로그아웃되고 다시 사용으로 바꿀 때까지 로그인할 수 없습니다.`
      : `${a.name}(${a.email}) 계정을 다시 사용하게 할까요?`;
    setNotice(null);
    void confirmThenRun(question, async () => saved(await api.updateUser(a.id, { status: disable ? 'disabled' : 'active' }), disable ? '사용 중지했습니다.' : '다시 사용하게 했습니다.'), status.setError);
  };

  return (
    <div className="page user-page">
      <div className="page-head page-head-actions">
        <div>
          <Breadcrumb steps={[<Link to={accountPaths.list}>사용자 관리</Link>, a.name || a.email]} />
          <h1>
            {a.name || a.email}{' '}
            <span className={a.status === 'active' ? 'badge badge-ok' : 'badge badge-danger'} data-testid="account-status">
              {ACCOUNT_STATUS_LABEL[a.status]}
            </span>
          </h1>
          <p className="muted">
            {ROLE_LABEL[a.role]} · {accountPlace(a, offices)}
          </p>
        </div>
        {!self && (
          <div className="row-actions">
            <button type="button" className={a.status === 'active' ? 'button button-danger' : 'button button-secondary'} onClick={toggle} data-testid="toggle-status">
              {a.status === 'active' ? '사용 중지' : '다시 사용'}
            </button>
          </div>
        )}
      </div>
      <Notice text={notice} testId="account-notice" />
      <ErrorMessage error={status.error} title="상태를 바꾸지 못했습니다." messages={ACCOUNT_ERRORS} describe={describeAccountDetail} />

      <section className="panel" aria-labelledby="account-facts-heading">
        <h2 id="account-facts-heading">계정 정보</h2>
        <dl className="facts" data-testid="account-facts">
          <Fact label="이메일 (아이디)" className="small-dd">
            {a.email}
          </Fact>
          <Fact label="교원번호">{a.teacherNumber ?? '-'}</Fact>
          <Fact label="활성화" testId="account-activated">
            {a.activated ? (a.mustChangePassword ? '임시 비밀번호 (바꿔야 함)' : '완료') : '대기 (링크로 비밀번호를 정하지 않음)'}
          </Fact>
          <Fact label="마지막 로그인" className="small-dd">
            {formatSeoulMinute(a.lastLoginAt, '없음')}
          </Fact>
          <Fact label="만든 때" className="small-dd">
            {formatSeoulMinute(a.createdAt)} · {a.createdBy?.name ?? '시스템'}
          </Fact>
          <Fact label="마지막 변경" className="small-dd">
            {formatSeoulMinute(a.updatedAt)} · {a.updatedBy?.name ?? '-'}
          </Fact>
        </dl>
      </section>

      {!self && <EditSection key={`${a.id}/${a.updatedAt}`} user={user} account={a} offices={offices} onSaved={saved} />}
      {!self && (
        <ResetSection
          account={a}
          onReset={() => {
            void queryClient.invalidateQueries({ queryKey: accountKeys.all });
            void queryClient.invalidateQueries({ queryKey: accountKeys.audit });
          }}
        />
      )}
      {self && (
        <p className="alert alert-info">
          내 계정입니다. 이름과 비밀번호는 <Link to={accountPaths.me}>내 정보</Link>에서 바꾸세요.
        </p>
      )}
      {isCityAdmin(user) && (
        <section className="panel" aria-labelledby="account-audit-heading">
          <h2 id="account-audit-heading">감사 기록</h2>
          <AuditEntries query={{ entityType: 'user', entityId: a.id }} showSubject={false} />
        </section>
      )}
    </div>
  );
}

interface EditProps {
  user: User;
  account: Account;
  offices: DistrictOffice[];
  onSaved: (account: Account, notice: string) => void;
}

/** 정보 수정: what changed is sent; a new role or place ends the person's sessions, which the form says first. */
function EditSection({ user, account: a, offices, onSaved }: EditProps) {
  const roles = assignableRoles(user);
  const [name, setName] = useState(a.name);
  const [email, setEmail] = useState(a.email);
  const [teacherNumber, setTeacherNumber] = useState(a.teacherNumber ?? '');
  const [role, setRole] = useState<Role>(a.role);
  const [school, setSchool] = useState<Pick<School, 'id' | 'name'> | null>(a.schoolId ? { id: a.schoolId, name: a.schoolName ?? String(a.schoolId) } : null);
  const [office, setOffice] = useState(a.role === 'district_admin' ? (a.districtOffice ?? '') : '');
  const [unchanged, setUnchanged] = useState(false);
  const { busy, error, run } = useAction();
  // A role the manager may not give is shown, not offered (they may still edit the name).
  const roleChoices = roles.includes(a.role) ? roles : [a.role, ...roles];
  const schoolFixed = user.role === 'principal';

  const patch: AccountPatch = {};
  if (name.trim() !== a.name) patch.name = name.trim();
  if (email.trim().toLowerCase() !== a.email) patch.email = email.trim();
  if (teacherNumber.trim() !== (a.teacherNumber ?? '')) patch.teacherNumber = teacherNumber.trim() || null;
  if (role !== a.role) patch.role = role;
  if (isSchoolRole(role) && !schoolFixed && school && school.id !== a.schoolId) patch.schoolId = school.id;
  if (isSchoolRole(role) && !isSchoolRole(a.role) && schoolFixed && user.schoolId) patch.schoolId = user.schoolId;
  if (role === 'district_admin' && office && (office !== a.districtOffice || a.role !== 'district_admin')) patch.districtOffice = office as DistrictOfficeCode;
  const scopeChanges = patch.role !== undefined || patch.schoolId !== undefined || patch.districtOffice !== undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (Object.keys(patch).length === 0) {
      setUnchanged(true);
      return;
    }
    setUnchanged(false);
    if (scopeChanges && !window.confirm(`${a.name}의 역할이나 소속을 바꾸면 이 사람은 모든 기기에서 로그아웃됩니다. 바꿀까요?`)) return;
    await run(async () => onSaved(await api.updateUser(a.id, patch), scopeChanges ? '저장했습니다. 역할·소속이 바뀌어 이 사람은 다시 로그인해야 합니다.' : '저장했습니다.'));
  }

  return (
    <section className="panel" aria-labelledby="account-edit-heading">
      <h2 id="account-edit-heading">정보 수정</h2>
      <form className="form-grid" aria-label="사용자 정보 수정" onSubmit={submit}>
        <InputField id="edit-name" label="이름" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} error={fieldError(error, 'name')} />
        <InputField id="edit-email" label="이메일 (아이디)" type="email" required maxLength={254} value={email} onChange={(e) => setEmail(e.target.value)} error={fieldError(error, 'email')} />
        <InputField id="edit-teacher-number" label="교원번호" maxLength={50} value={teacherNumber} onChange={(e) => setTeacherNumber(e.target.value)} hint="비우면 지웁니다." error={fieldError(error, 'teacherNumber')} />
        {roleChoices.length > 1 && <SelectField id="edit-role" label="역할" options={roleOptions(roleChoices)} value={role} onChange={setRole} error={fieldError(error, 'role')} />}
        {isSchoolRole(role) && !schoolFixed && (
          <SchoolPicker id="edit-school" label="학교" school={school} onChange={setSchool} error={fieldError(error, 'schoolId', 'schoolCode')} />
        )}
        {role === 'district_admin' && (
          <SelectField id="edit-office" label="교육지원청" options={{ '': '고르세요', ...officeOptions(offices) }} value={office} onChange={setOffice} required error={fieldError(error, 'districtOffice')} />
        )}
        {scopeChanges && (
          <p className="alert alert-warning" role="status" data-testid="scope-warning">
            역할이나 소속을 바꾸면 이 사람은 모든 기기에서 로그아웃되고, 새 권한으로 다시 로그인해야 합니다.
          </p>
        )}
        <ErrorMessage error={error} title="저장하지 못했습니다." messages={ACCOUNT_ERRORS} fields={ACCOUNT_FIELDS} describe={describeAccountDetail} />
        <div className="form-actions">
          <SubmitButton busy={busy} busyLabel="저장 중…" testId="save-account">
            저장
          </SubmitButton>
          <Notice text={unchanged ? '바뀐 내용이 없습니다.' : null} />
        </div>
      </form>
    </section>
  );
}

const RESET_OPTIONS: Record<ResetMethod, string> = { link: '재설정 링크 (권장)', temporary: '임시 비밀번호' };

/** 비밀번호 초기화: a one-time link, or a temporary password to change at the next login; shown once. */
function ResetSection({ account: a, onReset }: { account: Account; onReset: () => void }) {
  const [method, setMethod] = useState<ResetMethod>('link');
  const [result, setResult] = useState<ResetResult | null>(null);
  const { busy, error, setError, run } = useAction();

  const reset = () => {
    setResult(null);
    const what = method === 'link' ? '재설정 링크를 만들' : '임시 비밀번호를 만들';
    void confirmThenRun(
      `${a.name}의 ${what}까요? 지금 쓰는 비밀번호와 링크는 더 이상 쓸 수 없고, 이 사람은 모든 기기에서 로그아웃됩니다.`,
      async () => {
        await run(async () => {
          setResult(await api.resetPassword(a.id, method));
          onReset();
        });
      },
      setError,
    );
  };

  return (
    <section className="panel" aria-labelledby="account-reset-heading">
      <h2 id="account-reset-heading">비밀번호 초기화</h2>
      <p className="muted small">비밀번호를 잊었을 때 씁니다. 관리자도 비밀번호를 볼 수 없으므로, 본인이 새 비밀번호를 정하게 합니다.</p>
      <div className="reset-form">
        <fieldset className="field checkbox-group">
          <legend>초기화 방법</legend>
          <div className="checkbox-row">
            {(Object.entries(RESET_OPTIONS) as [ResetMethod, string][]).map(([value, label]) => (
              <label key={value} className="checkbox" htmlFor={`reset-${value}`}>
                <input id={`reset-${value}`} type="radio" name="reset-method" value={value} checked={method === value} onChange={() => setMethod(value)} />
                {label}
              </label>
            ))}
          </div>
          <span className="hint">
            {method === 'link'
              ? '한 번만 쓰는 링크를 만듭니다. 본인이 링크로 들어가 새 비밀번호를 정합니다(활성화하지 않은 계정은 새 활성화 링크).'
              : '임시 비밀번호를 만듭니다. 본인이 그것으로 로그인하면 먼저 새 비밀번호를 정해야 합니다.'}
          </span>
        </fieldset>
        <button type="button" className="button button-secondary" onClick={reset} disabled={busy || a.status !== 'active'} data-testid="reset-password">
          {busy ? '만드는 중…' : '비밀번호 초기화'}
        </button>
        {a.status !== 'active' && <p className="muted small">사용 중지된 계정은 먼저 다시 사용으로 바꾸세요.</p>}
      </div>
      <ErrorMessage error={error} title="비밀번호를 초기화하지 못했습니다." messages={ACCOUNT_ERRORS} describe={describeAccountDetail} />
      {result && <ResetShown result={result} />}
    </section>
  );
}

function ResetShown({ result }: { result: ResetResult }) {
  const note = (
    <p className="alert alert-warning">
      <strong>지금 한 번만</strong> 보여 드립니다. 본인에게만 전해 주세요.
      {result.expiresAt && (
        <>
          {' '}
          유효 기간: <strong>{formatSeoulMinute(result.expiresAt)}</strong>까지.
        </>
      )}
    </p>
  );
  if (result.method === 'temporary' && result.temporaryPassword) {
    return (
      <OneTimeSecret id="reset-temporary" label="임시 비밀번호" value={result.temporaryPassword} testId="temporary-password">
        {note}
        <p className="muted small">이 비밀번호로 로그인하면 먼저 새 비밀번호를 정해야 합니다.</p>
      </OneTimeSecret>
    );
  }
  return (
    <OneTimeSecret id="reset-url" label={result.method === 'activation' ? '새 활성화 링크' : '비밀번호 재설정 링크'} value={result.url ?? ''} testId="reset-url">
      {note}
      {result.method === 'activation' && <p className="muted small">아직 활성화하지 않은 계정이라 새 활성화 링크를 만들었습니다. 활성화 링크 인쇄에서도 다시 인쇄할 수 있습니다.</p>}
    </OneTimeSecret>
  );
}
