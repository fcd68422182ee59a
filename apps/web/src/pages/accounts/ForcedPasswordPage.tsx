import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import type { SignedIn, User } from '../../api/models';
import { useAction } from '../../useAction';
import { PasswordForm, useNewPassword } from './PasswordFields';

/**
 * 새 비밀번호 설정: after signing in with a temporary password every other page is closed (the API
 * answers 403 PASSWORD_CHANGE_REQUIRED) until the person chooses their own; then they go on.
 */
export function ForcedPasswordPage({ user, onChanged }: { user: User; onChanged: (signedIn: SignedIn) => void }) {
  const [current, setCurrent] = useState('');
  const password = useNewPassword({ email: user.email, name: user.displayName });
  const { busy, error, run } = useAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!password.check()) return;
    const sent = password.value;
    await run(
      async () => {
        try {
          onChanged(await api.changePassword(current, sent));
        } catch (e) {
          password.refused(e, 'newPassword', sent);
          throw e;
        }
      },
      { stayBusy: true },
    );
  }

  return (
    <div className="page forced-password-page">
      <div className="page-head">
        <h1>새 비밀번호 설정</h1>
        <p className="alert alert-info" role="status">
          관리자가 정한 임시 비밀번호로 로그인했습니다. 계속하려면 먼저 나만 아는 새 비밀번호를 정하세요. 새 비밀번호를 정하기 전에는 다른 화면을 쓸 수 없습니다.
        </p>
      </div>
      <PasswordForm
        heading={`${user.displayName || user.email} 님의 새 비밀번호`}
        label="새 비밀번호 설정"
        currentLabel="임시 비밀번호"
        current={current}
        onCurrent={setCurrent}
        password={password}
        busy={busy}
        error={error}
        onSubmit={submit}
        submitLabel="새 비밀번호 저장"
      />
    </div>
  );
}
