import { useRef, useState, type ReactNode } from 'react';

interface Props {
  /** The control's id; the label points at it. */
  id: string;
  label: string;
  /** The link or temporary password. */
  value: string;
  testId: string;
  /** What the person should know: it is shown only now, when it expires… */
  children?: ReactNode;
}

/** Copies `text`: the Clipboard API where the page may use it, otherwise the selected input. */
async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!input) return false;
    input.select();
    return document.execCommand('copy');
  }
}

/** A link or password shown once, read-only and selectable, with 복사. */
export function OneTimeSecret({ id, label, value, testId, children }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  return (
    <div className="one-time" data-testid={`${testId}-box`}>
      <label htmlFor={id} className="one-time-label">
        {label}
      </label>
      <div className="one-time-row">
        <input id={id} ref={input} className="one-time-value" readOnly value={value} data-testid={testId} onFocus={(e) => e.currentTarget.select()} aria-describedby={`${id}-note`} />
        <button type="button" className="button button-secondary" onClick={() => void copyText(value, input.current).then((ok) => setCopied(ok ? 'yes' : 'no'))}>
          복사
        </button>
      </div>
      <span role="status" className={copied === 'no' ? 'field-error' : 'notice'}>
        {copied === 'yes' ? '복사했습니다.' : copied === 'no' ? '복사하지 못했습니다. 칸을 눌러 전체를 선택한 뒤 직접 복사하세요.' : ''}
      </span>
      <div id={`${id}-note`} className="one-time-note">
        {children}
      </div>
    </div>
  );
}
