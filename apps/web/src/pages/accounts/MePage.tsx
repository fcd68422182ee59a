import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import type { Me, User } from '../../api/models';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Fact } from '../../components/Fact';
import { InputField, Notice, SubmitButton } from '../../components/fields';
import { PageFallback } from '../../components/PageFallback';
import { useDistrictOffices } from '../../coreQueries';
import { formatSeoulMinute, officeName, ROLE_LABEL } from '../../labels';
import { queryClient } from '../../query';
import { currentToken, replaceSession } from '../../session';
import { useAction } from '../../useAction';
import { ACCOUNT_FIELDS, describeAccountDetail, fieldError } from './accountLabels';
import { accountKeys, meQuery } from './accountQueries';
import { PasswordForm, useNewPassword } from './PasswordFields';

/**
 * 내 정보 (everyone): the name (which the header and every history show), the email, role and
 * school as the administrator set them, and the password. A new password ends every other sign-in;
 * this tab keeps working with the new token.
 */
export function MePage({ user }: { user: User }) {
  const me = useQuery(meQuery(user.id));
  const { offices } = useDistrictOffices();
  if (!me.data) return <PageFallback error={me.error} heading="내 정보" errorTitle="내 정보를 불러오지 못했습니다." back={{ to: '/', label: '처음 화면으로' }} />;
  const m = me.data;
  const place = m.schoolName ?? (m.districtOffice ? officeName(offices, m.districtOffice) : m.role === 'city_admin' ? '서울특별시교육청' : '-');
  return (
    <div className="page me-page">
      <div className="page-head">
        <h1>내 정보</h1>
        <p className="muted">이메일·역할·소속은 관리자가 정합니다. 바뀌어야 하면 학교장이나 교육(지원)청 담당자에게 요청하세요.</p>
      </div>
      <section className="panel" aria-labelledby="me-facts-heading">
        <h2 id="me-facts-heading">계정</h2>
        <dl className="facts" data-testid="me-facts">
          <Fact label="이메일 (아이디)" className="small-dd">
            {m.email}
          </Fact>
          <Fact label="역할">{ROLE_LABEL[m.role]}</Fact>
          <Fact label="소속">{place}</Fact>
          {m.teacherNumber && <Fact label="교원번호">{m.teacherNumber}</Fact>}
          <Fact label="마지막 로그인" className="small-dd">
            {formatSeoulMinute(m.lastLoginAt, '없음')}
          </Fact>
        </dl>
      </section>
      <NameSection me={m} onSaved={(next) => queryClient.setQueryData(accountKeys.me(next.id), next)} />
      <PasswordSection me={m} />
    </div>
  );
}

function NameSection({ me, onSaved }: { me: Me; onSaved: (me: Me) => void }) {
  const [name, setName] = useState(me.name);
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, error, run } = useAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    if (name.trim() === me.name) {
      setNotice('바뀐 내용이 없습니다.');
      return;
    }
    await run(async () => {
      const next = await api.updateMe(name.trim());
      onSaved(next);
      // The header shows the new name at once.
      const token = currentToken();
      if (token) replaceSession({ token, user: next });
      setNotice('이름을 바꿨습니다.');
    });
  }

  return (
    <section className="panel" aria-labelledby="me-name-heading">
      <h2 id="me-name-heading">이름</h2>
      <form className="inline-search" aria-label="이름 바꾸기" onSubmit={submit}>
        <InputField id="me-name" label="이름" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} hint="화면 위쪽과 변경 이력에 이 이름이 보입니다." error={fieldError(error, 'name')} />
        <SubmitButton busy={busy} busyLabel="저장 중…" className="button button-secondary" testId="save-name">
          이름 저장
        </SubmitButton>
        <Notice text={notice} testId="name-notice" />
      </form>
      <ErrorMessage error={error} title="이름을 바꾸지 못했습니다." fields={ACCOUNT_FIELDS} describe={describeAccountDetail} />
    </section>
  );
}

function PasswordSection({ me }: { me: Me }) {
  const [current, setCurrent] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const password = useNewPassword({ email: me.email, name: me.name });
  const { busy, error, run } = useAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    if (!password.check()) return;
    const sent = password.value;
    const ok = await run(async () => {
      try {
        const signedIn = await api.changePassword(current, sent);
        // Every earlier token has stopped working: this tab goes on with the new one.
        replaceSession({ token: signedIn.accessToken, user: signedIn.user });
      } catch (e) {
        password.refused(e, 'newPassword', sent);
        throw e;
      }
    });
    if (ok) {
      setCurrent('');
      password.clear();
      setNotice('비밀번호를 바꿨습니다. 다른 기기와 브라우저에서는 다시 로그인해야 합니다.');
    }
  }

  return (
    <PasswordForm
      heading="비밀번호 바꾸기"
      label="비밀번호 바꾸기"
      current={current}
      onCurrent={setCurrent}
      password={password}
      busy={busy}
      error={error}
      onSubmit={submit}
      submitLabel="비밀번호 바꾸기"
      notice={notice}
    />
  );
}
