import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api';
import type { AccountInput, CreatedAccount, DistrictOfficeCode, Role, School, User } from '../../api/models';
import { ErrorMessage } from '../../components/ErrorMessage';
import { InputField, SelectField, SubmitButton } from '../../components/fields';
import { useDistrictOffices, useSchoolName } from '../../coreQueries';
import { formatSeoulMinute, officeOptions, ROLE_LABEL } from '../../labels';
import { queryClient } from '../../query';
import { Link } from 'react-router';
import { useAction } from '../../useAction';
import { accountKeys } from './accountQueries';
import { ACCOUNT_FIELDS, accountPaths, accountPlace, assignableRoles, describeAccountDetail, fieldError, isSchoolRole, roleOptions } from './accountLabels';
import { OneTimeSecret } from './OneTimeSecret';
import { SchoolPicker } from './SchoolPicker';
import { UsersLayout } from './UsersLayout';

const CREATE_ERRORS = {
  ACCOUNT_OUT_OF_REACH: '이 역할이나 소속의 계정은 만들 수 없습니다.',
  VALIDATION_FAILED: '입력값을 확인하세요. 표시한 칸을 고쳐 주세요.',
  UNKNOWN_SCHOOL: '학교를 찾을 수 없습니다.',
};

/**
 * 새 사용자: an account with a one-time activation link (no password). Only the roles the manager
 * may give are offered; a principal's teacher belongs to their school. The link is shown once.
 */
export function UserCreatePage({ user }: { user: User }) {
  const roles = assignableRoles(user);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>(roles.includes('teacher') ? 'teacher' : roles[0]);
  const [school, setSchool] = useState<Pick<School, 'id' | 'name'> | null>(null);
  const [office, setOffice] = useState('');
  const [teacherNumber, setTeacherNumber] = useState('');
  const [created, setCreated] = useState<CreatedAccount | null>(null);
  const { busy, error, setError, run } = useAction();
  const { offices } = useDistrictOffices();
  const ownSchoolName = useSchoolName(user.role === 'principal' ? user.schoolId : null);

  const createdHeading = useRef<HTMLHeadingElement>(null);
  // The one-time link replaces the form: move the focus to it.
  useEffect(() => {
    if (created) createdHeading.current?.focus();
  }, [created]);

  const fixedSchool = user.role === 'principal';
  const needsSchool = isSchoolRole(role);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input: AccountInput = { email: email.trim(), name: name.trim(), role };
    if (needsSchool) {
      const schoolId = fixedSchool ? user.schoolId : school?.id;
      if (schoolId) input.schoolId = schoolId;
    }
    if (role === 'district_admin' && office) input.districtOffice = office as DistrictOfficeCode;
    if (teacherNumber.trim()) input.teacherNumber = teacherNumber.trim();
    await run(async () => {
      setCreated(await api.createUser(input));
      void queryClient.invalidateQueries({ queryKey: accountKeys.all });
    });
  }

  const again = () => {
    setCreated(null);
    setEmail('');
    setName('');
    setTeacherNumber('');
    setError(null);
  };

  if (created) {
    return (
      <UsersLayout user={user} title="새 사용자">
        <section className="panel created-account" aria-labelledby="created-heading" data-testid="created-account">
          <h2 id="created-heading" tabIndex={-1} ref={createdHeading}>
            계정을 만들었습니다
          </h2>
          <p>
            <strong>{created.name}</strong> ({ROLE_LABEL[created.role]}, {accountPlace(created, offices)}) · 아이디 <strong>{created.email}</strong>
          </p>
          <OneTimeSecret id="activation-url" label="활성화 링크" value={created.activationUrl} testId="activation-url">
            <p className="alert alert-warning">
              이 링크는 <strong>지금 한 번만</strong> 보여 드립니다. 본인에게만 전해 주세요. 링크로 들어가 비밀번호를 정하면 계정이 활성화됩니다. 유효 기간:{' '}
              <strong>{formatSeoulMinute(created.activationExpiresAt)}</strong>까지.
            </p>
            <p className="muted small">
              아직 쓰지 않은 링크는 <Link to={accountPaths.linksOf({ schoolId: created.schoolId })}>활성화 링크 인쇄</Link>에서 다시 인쇄할 수 있습니다. 기간이 지나면 사용자 화면의 ‘비밀번호
              초기화’로 새 링크를 만드세요.
            </p>
          </OneTimeSecret>
          <div className="form-actions">
            <Link to={accountPaths.user(created.id)} className="button button-secondary">
              사용자 정보 보기
            </Link>
            <button type="button" className="button button-primary" onClick={again}>
              다른 사용자 만들기
            </button>
            <Link to={accountPaths.list}>사용자 목록으로</Link>
          </div>
        </section>
      </UsersLayout>
    );
  }

  return (
    <UsersLayout user={user} title="새 사용자" lead="계정을 만들면 한 번만 쓰는 활성화 링크가 나옵니다. 비밀번호는 본인이 링크로 들어가 정합니다.">
      <form className="panel" aria-label="새 사용자" onSubmit={submit}>
        <div className="form-grid">
          <InputField id="user-email" label="이메일 (아이디)" type="email" autoComplete="off" required maxLength={254} value={email} onChange={(e) => setEmail(e.target.value)} placeholder="name@sen.go.kr" error={fieldError(error, 'email')} />
          <InputField id="user-name" label="이름" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} error={fieldError(error, 'name')} />
          {roles.length > 1 ? (
            <SelectField id="user-role" label="역할" options={roleOptions(roles)} value={role} onChange={setRole} error={fieldError(error, 'role')} hint="내가 줄 수 있는 역할만 보입니다." />
          ) : (
            <div className="field">
              <span className="field-label">역할</span>
              <p className="field-static" data-testid="user-role-fixed">
                {ROLE_LABEL[role]}
              </p>
            </div>
          )}
          <InputField
            id="user-teacher-number"
            label="교원번호 (선택)"
            maxLength={50}
            value={teacherNumber}
            onChange={(e) => setTeacherNumber(e.target.value)}
            hint="교원 개인번호. 연수 이수 기록과 계정을 잇고, 명단 가져오기에서 같은 사람을 찾는 데 씁니다."
            error={fieldError(error, 'teacherNumber')}
          />
          {needsSchool &&
            (fixedSchool ? (
              <div className="field">
                <span className="field-label">학교</span>
                <p className="field-static" data-testid="user-school-fixed">
                  {ownSchoolName ?? '우리 학교'}
                </p>
              </div>
            ) : (
              <SchoolPicker
                id="user-school"
                label="학교"
                school={school}
                onChange={setSchool}
                hint={user.role === 'district_admin' ? '관할 교육지원청의 학교만 찾을 수 있습니다.' : undefined}
                error={fieldError(error, 'schoolId', 'schoolCode')}
              />
            ))}
          {role === 'district_admin' && (
            <SelectField
              id="user-office"
              label="교육지원청"
              options={{ '': '고르세요', ...officeOptions(offices) }}
              value={office}
              onChange={setOffice}
              required
              error={fieldError(error, 'districtOffice')}
            />
          )}
        </div>
        <ErrorMessage error={error} title="계정을 만들지 못했습니다." messages={CREATE_ERRORS} fields={ACCOUNT_FIELDS} describe={describeAccountDetail} testId="create-user-error" />
        <div className="form-actions">
          <SubmitButton busy={busy} busyLabel="만드는 중…" testId="create-user">
            계정 만들기
          </SubmitButton>
          <Link to={accountPaths.list}>취소</Link>
        </div>
      </form>
    </UsersLayout>
  );
}
