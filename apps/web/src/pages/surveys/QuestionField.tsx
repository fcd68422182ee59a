import { useState } from 'react';
import type { AnswerValue, SurveyQuestion } from '../../api/models';
import { textLimit } from './answerRules';
import { LIKERT_LABEL } from './surveyLabels';

interface Props {
  question: SurveyQuestion;
  /** The question's number as shown (visible questions counted in order). */
  number: number;
  value: AnswerValue | undefined;
  /** undefined clears the answer. */
  onChange: (value: AnswerValue | undefined) => void;
  error?: string;
  disabled?: boolean;
}

/**
 * One question as a block of its own: the question text as the group's legend, then large touch
 * targets (radio and check boxes as whole rows, ▲▼ buttons for a ranking) that work on a phone.
 */
export function QuestionField({ question: q, number, value, onChange, error, disabled }: Props) {
  const id = `q-${q.id}`;
  const describedBy = [error ? `${id}-error` : null, hintOf(q) ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={error ? 'question has-error' : 'question'} data-testid={`question-${q.id}`} aria-describedby={describedBy} disabled={disabled}>
      <legend className="question-text">
        <span className="question-number">{number}.</span> {q.text}
        {q.required ? (
          <span className="question-required" aria-label="필수">
            *
          </span>
        ) : (
          <span className="muted small"> (선택)</span>
        )}
      </legend>
      {hintOf(q) && (
        <p id={`${id}-hint`} className="hint">
          {hintOf(q)}
        </p>
      )}
      <Control id={id} question={q} value={value} onChange={onChange} describedBy={describedBy} />
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** What the respondent should know before answering: ranges, how many to tick, how to rank. */
function hintOf(q: SurveyQuestion): string | null {
  switch (q.type) {
    case 'numeric': {
      const range = q.min !== undefined && q.max !== undefined ? `${q.min}~${q.max}` : q.min !== undefined ? `${q.min} 이상` : q.max !== undefined ? `${q.max} 이하` : null;
      return [range && `입력 범위: ${range}`, q.integer ? '정수로 입력' : null].filter(Boolean).join(' · ') || null;
    }
    case 'multiple': {
      const min = q.minSelections;
      const max = q.maxSelections;
      if (min && max) return min === max ? `${min}개를 고르세요.` : `${min}~${max}개를 고르세요.`;
      if (max) return `${max}개까지 고를 수 있습니다.`;
      return min && min > 1 ? `${min}개 이상 고르세요.` : '해당하는 것을 모두 고르세요.';
    }
    case 'ranking':
      return '▲▼ 버튼으로 순서를 바꾸세요. 맨 위가 1순위입니다.';
    case 'short_text':
    case 'long_text':
      return `${textLimit(q).toLocaleString('ko-KR')}자 이내`;
    default:
      return null;
  }
}

interface ControlProps {
  id: string;
  question: SurveyQuestion;
  value: AnswerValue | undefined;
  onChange: (value: AnswerValue | undefined) => void;
  describedBy?: string;
}

function Control({ id, question: q, value, onChange, describedBy }: ControlProps) {
  switch (q.type) {
    case 'likert5':
      return (
        <Choices
          id={id}
          kind="radio"
          className="choice-list likert"
          options={Object.entries(LIKERT_LABEL).map(([v, label]) => ({ value: v, label: `${v} ${label}` }))}
          checked={(v) => value === Number(v)}
          onToggle={(v) => onChange(Number(v))}
        />
      );
    case 'single':
      return <Choices id={id} kind="radio" options={q.options ?? []} checked={(v) => value === v} onToggle={(v) => onChange(v)} />;
    case 'multiple': {
      const chosen = Array.isArray(value) ? value : [];
      const order = (q.options ?? []).map((o) => o.value);
      return (
        <Choices
          id={id}
          kind="checkbox"
          options={q.options ?? []}
          checked={(v) => chosen.includes(v)}
          onToggle={(v, on) => {
            const next = order.filter((o) => (o === v ? on : chosen.includes(o)));
            onChange(next.length ? next : undefined);
          }}
        />
      );
    }
    case 'numeric':
      return <NumberInput id={id} question={q} value={value} onChange={onChange} describedBy={describedBy} />;
    case 'short_text':
    case 'long_text': {
      const text = {
        id,
        className: 'answer-input',
        'aria-label': '답',
        'aria-describedby': describedBy,
        value: typeof value === 'string' ? value : '',
        onChange: (e: { target: { value: string } }) => onChange(e.target.value === '' ? undefined : e.target.value),
      };
      return q.type === 'long_text' ? <textarea rows={5} {...text} /> : <input {...text} />;
    }
    case 'ranking':
      return <Ranking question={q} value={value} onChange={onChange} />;
  }
}

interface ChoicesProps {
  id: string;
  kind: 'radio' | 'checkbox';
  options: { value: string; label: string }[];
  checked: (value: string) => boolean;
  onToggle: (value: string, on: boolean) => void;
  className?: string;
}

/** Radio or check boxes, each a whole row to tap. */
function Choices({ id, kind, options, checked, onToggle, className = 'choice-list' }: ChoicesProps) {
  return (
    <div className={className}>
      {options.map((o) => (
        <label key={o.value} className={checked(o.value) ? 'choice is-checked' : 'choice'} htmlFor={`${id}-${o.value}`}>
          <input id={`${id}-${o.value}`} type={kind} name={id} value={o.value} checked={checked(o.value)} onChange={(e) => onToggle(o.value, e.target.checked)} />
          <span>{o.label}</span>
        </label>
      ))}
    </div>
  );
}

/** A number typed as text, so that half-typed values (`-`, `1.`) stay in the box; a valid number is the answer. */
function NumberInput({ id, question: q, value, onChange, describedBy }: ControlProps) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  return (
    <input
      id={id}
      className="answer-input answer-number"
      aria-label="답 (숫자)"
      aria-describedby={describedBy}
      type="text"
      inputMode={q.integer ? 'numeric' : 'decimal'}
      value={text}
      onChange={(e) => {
        const raw = e.target.value.trim();
        setText(e.target.value);
        const n = Number(raw);
        onChange(raw === '' ? undefined : Number.isFinite(n) ? n : raw);
      }}
    />
  );
}

/** A ranking: the options in the current order with ▲▼ buttons; the order counts once touched or confirmed. */
function Ranking({ question: q, value, onChange }: Omit<ControlProps, 'id' | 'describedBy'>) {
  const options = q.options ?? [];
  const order = Array.isArray(value) && value.length === options.length ? value : options.map((o) => o.value);
  const ranked = Array.isArray(value) && value.length === options.length;
  const label = (v: string) => options.find((o) => o.value === v)?.label ?? v;
  const move = (from: number, to: number) => {
    const next = [...order];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item);
    onChange(next);
  };
  return (
    <div>
      <ol className="ranking-list">
        {order.map((v, i) => (
          <li key={v} className="ranking-item">
            <span className="ranking-place">{i + 1}순위</span>
            <span className="ranking-label">{label(v)}</span>
            <button type="button" className="button button-small" aria-label={`${label(v)} 위로`} disabled={i === 0} onClick={() => move(i, i - 1)}>
              ▲
            </button>
            <button type="button" className="button button-small" aria-label={`${label(v)} 아래로`} disabled={i === order.length - 1} onClick={() => move(i, i + 1)}>
              ▼
            </button>
          </li>
        ))}
      </ol>
      {!ranked && (
        <button type="button" className="button button-secondary button-small" onClick={() => onChange(order)}>
          이 순서로 정하기
        </button>
      )}
    </div>
  );
}
