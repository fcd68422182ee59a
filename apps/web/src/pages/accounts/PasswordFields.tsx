import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { InputField, Notice, SubmitButton } from '../../components/fields';
import { ACCOUNT_FIELDS, describeAccountDetail, fieldError } from './accountLabels';

/**
 * The password rule of the Korean personal-data safety standard, as the server checks it
 * (libs/accounts password-policy): 10+ characters of two kinds or 8+ of three (letters, digits,
 * symbols), not the email or the name, not a common password.
 */
export type PasswordRule = 'too_short' | 'contains_email' | 'contains_name' | 'common' | 'too_long' | 'control_characters' | 'same_as_current';

/** The rules shown beside every new-password field, then the ones shown only when broken. */
const RULES: { rule: PasswordRule; text: string; always: boolean }[] = [
  { rule: 'too_short', text: '영문자·숫자·특수문자 중 2종류 이상이면 10자 이상, 3종류 모두 쓰면 8자 이상', always: true },
  { rule: 'contains_email', text: '이메일 주소(아이디)를 넣지 않기', always: true },
  { rule: 'contains_name', text: '이름을 넣지 않기', always: true },
  { rule: 'common', text: '널리 쓰여 추측하기 쉬운 비밀번호(예: password1234, qwer1234!)가 아닐 것', always: true },
  { rule: 'too_long', text: '200자 이하', always: false },
  { rule: 'control_characters', text: '제어 문자 없이', always: false },
  { rule: 'same_as_current', text: '지금 쓰는 비밀번호와 다르게', always: false },
];

export interface PasswordContext {
  email?: string | null;
  name?: string | null;
}

const kindsOf = (password: string): number => [/\p{L}/u, /\p{Nd}/u, /[^\p{L}\p{Nd}\s]/u].filter((re) => re.test(password)).length;

/**
 * What the browser can tell before sending: true when a rule holds, false when it does not,
 * undefined when only the server knows (the common-password list).
 */
export function checkLocally(password: string, ctx: PasswordContext): Partial<Record<PasswordRule, boolean>> {
  const length = [...password].length;
  const kinds = kindsOf(password);
  const lower = password.toLowerCase();
  const local = (ctx.email ?? '').toLowerCase().split('@')[0];
  const name = (ctx.name ?? '').toLowerCase().replace(/\s+/g, '');
  return {
    too_short: (kinds >= 2 && length >= 10) || (kinds >= 3 && length >= 8),
    too_long: length <= 200,
    // eslint-disable-next-line no-control-regex
    control_characters: !/[\u0000-\u001f\u007f]/.test(password),
    contains_email: !(local.length >= 3 && lower.includes(local)),
    contains_name: !(name.length >= 2 && lower.replace(/\s+/g, '').includes(name)),
  };
}

/** The rules the browser already knows `password` breaks. */
export const locallyBroken = (password: string, ctx: PasswordContext): PasswordRule[] =>
  (Object.entries(checkLocally(password, ctx)) as [PasswordRule, boolean][]).filter(([, ok]) => !ok).map(([rule]) => rule);

/** The rules the server refused (400 WEAK_PASSWORD) for `field`. */
export function refusedRules(error: unknown, field: string): PasswordRule[] {
  if (!(error instanceof ApiError) || error.code !== 'WEAK_PASSWORD') return [];
  return error.details.filter((d) => d.field === field && d.rule).map((d) => d.rule as PasswordRule);
}

/** Rules found broken for one value (by the browser on submit, or by the server). */
export interface BrokenRules {
  value: string;
  rules: PasswordRule[];
}

type RuleState = 'ok' | 'unmet' | 'failed' | 'server';

const STATE_TEXT: Record<RuleState, string> = { ok: '충족', unmet: '아직 충족하지 않음', failed: '맞지 않음', server: '저장할 때 확인' };
const STATE_MARK: Record<RuleState, string> = { ok: '✓', unmet: '○', failed: '✗', server: '·' };

interface RulesProps {
  id: string;
  password: string;
  context: PasswordContext;
  /** Rules found broken for the value as it was sent; shown as failed while the value is unchanged. */
  broken: BrokenRules | null;
}

/** The rules beside a new-password field: ✓ as they are met while typing, ✗ for those broken at the last try. */
export function PasswordRules({ id, password, context, broken }: RulesProps) {
  const local = checkLocally(password, context);
  const failed = broken && broken.value === password ? broken.rules : [];
  const shown = RULES.filter((r) => r.always || failed.includes(r.rule));
  const state = (rule: PasswordRule): RuleState => {
    if (failed.includes(rule)) return 'failed';
    if (local[rule] === undefined) return 'server';
    if (!password) return 'unmet';
    return local[rule] ? 'ok' : 'unmet';
  };
  return (
    <div className="password-rules" id={id}>
      <p className="password-rules-title">비밀번호 규칙</p>
      <ul data-testid="password-rules">
        {shown.map(({ rule, text }) => {
          const s = state(rule);
          return (
            <li key={rule} className={`rule-${s}`} data-testid={`password-rule-${rule}`} data-state={s}>
              <span aria-hidden="true" className="rule-mark">
                {STATE_MARK[s]}
              </span>{' '}
              {text} <span className="sr-only">({STATE_TEXT[s]})</span>
              {s === 'failed' && <span className="rule-failed-text"> — 맞지 않습니다</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

interface NewPasswordProps {
  /** Prefix of the two inputs' ids. */
  id: string;
  value: string;
  confirm: string;
  onChange: (value: string) => void;
  onConfirm: (value: string) => void;
  context: PasswordContext;
  broken: BrokenRules | null;
  /** Shown under the confirmation (they differ). */
  confirmError?: string;
  label?: string;
}

/** 새 비밀번호 and 새 비밀번호 확인, with the rules beside them. */
export function NewPasswordFields({ id, value, confirm, onChange, onConfirm, context, broken, confirmError, label = '새 비밀번호' }: NewPasswordProps) {
  const failed = broken && broken.value === value && broken.rules.length > 0;
  return (
    <div className="new-password">
      <InputField
        id={id}
        label={label}
        type="password"
        autoComplete="new-password"
        required
        maxLength={200}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={`${id}-rules${failed ? ` ${id}-error` : ''}`}
        aria-invalid={failed || undefined}
        error={failed ? '아래 규칙 중 ✗ 표시한 것을 지키도록 바꾸세요.' : undefined}
      />
      <PasswordRules id={`${id}-rules`} password={value} context={context} broken={broken} />
      <InputField
        id={`${id}-confirm`}
        label={`${label} 확인`}
        type="password"
        autoComplete="new-password"
        required
        maxLength={200}
        value={confirm}
        onChange={(e) => onConfirm(e.target.value)}
        error={confirmError}
      />
    </div>
  );
}

/**
 * Checks a new password before it is sent: the rules the browser can check, and the confirmation.
 * Returns what to show (nothing broken: null, and the form may be sent).
 */
export function precheck(value: string, confirm: string, context: PasswordContext): { broken: BrokenRules | null; confirmError?: string } {
  const rules = locallyBroken(value, context);
  const confirmError = value !== confirm ? '새 비밀번호와 확인이 다릅니다. 같게 입력하세요.' : undefined;
  return { broken: rules.length ? { value, rules } : null, confirmError };
}

/** The state of a new-password form: the two values, what is broken, and the props of its fields. */
export function useNewPassword(context: PasswordContext) {
  const [value, setValue] = useState('');
  const [confirm, setConfirm] = useState('');
  const [broken, setBroken] = useState<BrokenRules | null>(null);
  const [confirmError, setConfirmError] = useState<string | undefined>();
  return {
    value,
    /** Before sending: marks what the browser finds broken; true when the form may be sent. */
    check(): boolean {
      const found = precheck(value, confirm, context);
      setBroken(found.broken);
      setConfirmError(found.confirmError);
      return !found.broken && !found.confirmError;
    },
    /** After the server refused `sent`: marks the rules it names for `field`. */
    refused(error: unknown, field: string, sent: string) {
      const rules = refusedRules(error, field);
      if (rules.length) setBroken({ value: sent, rules });
    },
    clear() {
      setValue('');
      setConfirm('');
      setBroken(null);
      setConfirmError(undefined);
    },
    fieldProps: {
      value,
      confirm,
      onChange: setValue,
      onConfirm: (v: string) => {
        setConfirm(v);
        setConfirmError(undefined);
      },
      context,
      broken,
      confirmError,
    },
  };
}

const PASSWORD_ERRORS = {
  BAD_CURRENT_PASSWORD: '현재 비밀번호가 맞지 않습니다.',
  WEAK_PASSWORD: '새 비밀번호가 규칙에 맞지 않습니다. 표시한 규칙을 확인하세요.',
};

interface PasswordFormProps {
  heading: string;
  label: string;
  currentLabel?: string;
  current: string;
  onCurrent: (value: string) => void;
  password: ReturnType<typeof useNewPassword>;
  busy: boolean;
  error: unknown;
  onSubmit: (event: FormEvent) => void;
  submitLabel: string;
  notice?: string | null;
}

/** 현재 비밀번호, 새 비밀번호 and its confirmation with the rules (내 정보 and 새 비밀번호 설정). */
export function PasswordForm({ heading, label, currentLabel = '현재 비밀번호', current, onCurrent, password, busy, error, onSubmit, submitLabel, notice }: PasswordFormProps) {
  return (
    <section className="panel password-panel" aria-labelledby="password-heading">
      <h2 id="password-heading">{heading}</h2>
      <form className="stack-form password-form" aria-label={label} onSubmit={onSubmit}>
        <InputField
          id="current-password"
          label={currentLabel}
          type="password"
          autoComplete="current-password"
          required
          maxLength={200}
          value={current}
          onChange={(e) => onCurrent(e.target.value)}
          error={fieldError(error, 'currentPassword')}
        />
        <NewPasswordFields id="new-password" {...password.fieldProps} />
        <ErrorMessage error={error} title="비밀번호를 바꾸지 못했습니다." messages={PASSWORD_ERRORS} fields={ACCOUNT_FIELDS} describe={describeAccountDetail} testId="password-error" />
        <div className="form-actions">
          <SubmitButton busy={busy} busyLabel="바꾸는 중…" testId="change-password">
            {submitLabel}
          </SubmitButton>
          <Notice text={notice ?? null} testId="password-notice" />
        </div>
      </form>
    </section>
  );
}
