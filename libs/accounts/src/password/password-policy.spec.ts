import { checkPassword, kindsOf, passwordDetails } from './password-policy';

describe('password policy (개인정보의 안전성 확보조치 기준)', () => {
  it('counts letters (Latin or Hangul), digits and symbols as the three kinds', () => {
    expect(kindsOf('abcdef')).toBe(1);
    expect(kindsOf('abc123')).toBe(2);
    expect(kindsOf('abc123!')).toBe(3);
    expect(kindsOf('한글비밀번호12')).toBe(2);
  });

  it('wants 10 characters of two kinds or 8 of three', () => {
    expect(checkPassword('mountain7k')).toEqual([]); // 10, two kinds
    expect(checkPassword('mountain7')).toEqual(['too_short']); // 9, two kinds
    expect(checkPassword('mtn7#kqz')).toEqual([]); // 8, three kinds
    expect(checkPassword('mt7#kqz')).toEqual(['too_short']); // 7, three kinds
    expect(checkPassword('onlylettersheretoo')).toEqual(['too_short']); // one kind, however long
    expect(checkPassword('바다가보이는언덕위13')).toEqual([]); // Hangul letters count as letters
  });

  it('refuses the email’s local part and the holder’s name', () => {
    expect(checkPassword('kimteacher-2026', { email: 'kimteacher@sen.go.kr' })).toEqual(['contains_email']);
    expect(checkPassword('김선생님-2026-봄', { name: '김선생' })).toEqual(['contains_name']);
    expect(checkPassword('Gil Dong 2026!', { name: 'gil dong' })).toEqual(['contains_name']);
    expect(checkPassword('sunlit-harbor-77', { email: 'kim@sen.go.kr', name: '김선생' })).toEqual([]);
  });

  it('refuses common passwords, also with a symbol tacked on', () => {
    expect(checkPassword('password123')).toEqual(['common']);
    expect(checkPassword('1q2w3e4r5t')).toEqual(['common']);
    expect(checkPassword('qwer1234!')).toEqual(['common']);
    expect(checkPassword('Password123!!')).toEqual(['common']);
  });

  it('reports every failed rule at once, each with a Korean reason under the field', () => {
    const problems = checkPassword('kim123', { email: 'kim123@sen.go.kr' });
    expect(problems).toEqual(expect.arrayContaining(['too_short', 'contains_email']));
    const details = passwordDetails('newPassword', problems);
    expect(details.every((d) => d.field === 'newPassword' && /[가-힣]/.test(d.reason))).toBe(true);
  });

  it('refuses control characters and absurd lengths', () => {
    expect(checkPassword('abc\u0000defgh12!')).toContain('control_characters');
    expect(checkPassword(`${'ab1!'.repeat(60)}`)).toContain('too_long');
  });
});
