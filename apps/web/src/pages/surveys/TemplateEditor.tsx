import type { QuestionType, ShowIfOperator } from '../../api/models';
import { Field, InputField, SelectField } from '../../components/fields';
import { LIKERT_LABEL, OPERATOR_LABEL, OPERATORS_BY_TYPE, QUESTION_TYPE_LABEL } from './surveyLabels';
import { conditionTargets, isChoice, newOption, newQuestion, newSection, type QuestionDraft, type SectionDraft, type TemplateDraft } from './templateDraft';

interface Props {
  draft: TemplateDraft;
  onChange: (update: (draft: TemplateDraft) => TemplateDraft) => void;
}

/** The survey's title, its sections and their questions of every type, each with an optional condition. */
export function TemplateEditor({ draft, onChange }: Props) {
  const setSection = (key: number, patch: (s: SectionDraft) => SectionDraft) =>
    onChange((d) => ({ ...d, sections: d.sections.map((s) => (s.key === key ? patch(s) : s)) }));
  const setQuestion = (key: number, patch: Partial<QuestionDraft>) =>
    onChange((d) => ({ ...d, sections: d.sections.map((s) => ({ ...s, questions: s.questions.map((q) => (q.key === key ? { ...q, ...patch } : q)) })) }));
  let number = 0;

  return (
    <div className="template-editor" data-testid="template-editor">
      <InputField id="template-title" label="설문 제목" wide required maxLength={200} value={draft.title} onChange={(e) => onChange((d) => ({ ...d, title: e.target.value }))} placeholder="예: 2026 AI 교육 만족도 조사" />
      {draft.sections.map((section, s) => (
        <fieldset key={section.key} className="section-editor" data-testid={`section-editor-${s + 1}`}>
          <legend>영역 {s + 1}</legend>
          <div className="form-grid">
            <InputField id={`section-title-${section.key}`} label={`영역 ${s + 1} 이름`} wide value={section.title} onChange={(e) => setSection(section.key, (x) => ({ ...x, title: e.target.value }))} />
          </div>
          <ol className="question-editors">
            {section.questions.map((q) => (
              <QuestionEditor
                key={q.key}
                question={q}
                number={++number}
                targets={conditionTargets(draft, q.key)}
                onChange={(patch) => setQuestion(q.key, patch)}
                onRemove={section.questions.length > 1 ? () => setSection(section.key, (x) => ({ ...x, questions: x.questions.filter((y) => y.key !== q.key) })) : undefined}
              />
            ))}
          </ol>
          <div className="form-actions">
            <button type="button" className="button button-secondary" onClick={() => setSection(section.key, (x) => ({ ...x, questions: [...x.questions, newQuestion()] }))}>
              영역 {s + 1}에 문항 추가
            </button>
            {draft.sections.length > 1 && (
              <button type="button" className="button button-small button-danger" onClick={() => onChange((d) => ({ ...d, sections: d.sections.filter((x) => x.key !== section.key) }))}>
                영역 {s + 1} 삭제
              </button>
            )}
          </div>
        </fieldset>
      ))}
      <button type="button" className="button button-secondary" onClick={() => onChange((d) => ({ ...d, sections: [...d.sections, newSection()] }))}>
        영역 추가
      </button>
    </div>
  );
}

interface QuestionEditorProps {
  question: QuestionDraft;
  number: number;
  /** Earlier questions a condition may look at. */
  targets: QuestionDraft[];
  onChange: (patch: Partial<QuestionDraft>) => void;
  onRemove?: () => void;
}

function QuestionEditor({ question: q, number, targets, onChange, onRemove }: QuestionEditorProps) {
  const id = (name: string) => `q${q.key}-${name}`;
  const setOption = (i: number, label: string) => onChange({ options: q.options.map((o, j) => (j === i ? { ...o, label } : o)) });
  return (
    <li className="question-editor" data-testid={`question-editor-${number}`}>
      <div className="form-grid">
        <InputField id={id('text')} label={`문항 ${number} 내용`} wide value={q.text} onChange={(e) => onChange({ text: e.target.value })} />
        <SelectField id={id('type')} label={`문항 ${number} 유형`} options={QUESTION_TYPE_LABEL} value={q.type} onChange={(type: QuestionType) => onChange({ type })} />
        <label className="checkbox field-check" htmlFor={id('required')}>
          <input id={id('required')} type="checkbox" checked={q.required} onChange={(e) => onChange({ required: e.target.checked })} />
          문항 {number} 필수
        </label>
      </div>

      {isChoice(q.type) && (
        <div className="subform">
          <p className="subform-title">보기 {q.type === 'ranking' && <span className="muted small">(응답자가 순위를 매깁니다)</span>}</p>
          <ol className="option-editors">
            {q.options.map((o, i) => (
              <li key={o.value} className="option-editor">
                <InputField id={id(`option-${o.value}`)} label={`문항 ${number} 보기 ${i + 1}`} value={o.label} onChange={(e) => setOption(i, e.target.value)} />
                <button type="button" className="button button-small button-danger" aria-label={`문항 ${number} 보기 ${i + 1} 삭제`} disabled={q.options.length <= 2} onClick={() => onChange({ options: q.options.filter((_, j) => j !== i) })}>
                  삭제
                </button>
              </li>
            ))}
          </ol>
          <button type="button" className="button button-small button-secondary" onClick={() => onChange({ options: [...q.options, newOption()] })}>
            문항 {number} 보기 추가
          </button>
          {q.type === 'multiple' && (
            <div className="form-grid">
              <InputField id={id('min-sel')} label="최소 선택 수" type="number" min={1} value={q.minSelections} onChange={(e) => onChange({ minSelections: e.target.value })} />
              <InputField id={id('max-sel')} label="최대 선택 수" type="number" min={1} value={q.maxSelections} onChange={(e) => onChange({ maxSelections: e.target.value })} />
            </div>
          )}
        </div>
      )}
      {q.type === 'numeric' && (
        <div className="form-grid">
          <InputField id={id('min')} label={`문항 ${number} 최솟값`} type="number" value={q.min} onChange={(e) => onChange({ min: e.target.value })} />
          <InputField id={id('max')} label={`문항 ${number} 최댓값`} type="number" value={q.max} onChange={(e) => onChange({ max: e.target.value })} />
          <label className="checkbox field-check" htmlFor={id('integer')}>
            <input id={id('integer')} type="checkbox" checked={q.integer} onChange={(e) => onChange({ integer: e.target.checked })} />
            정수만
          </label>
        </div>
      )}
      {(q.type === 'short_text' || q.type === 'long_text') && (
        <div className="form-grid">
          <InputField id={id('max-length')} label="최대 글자 수" type="number" min={1} value={q.maxLength} onChange={(e) => onChange({ maxLength: e.target.value })} hint={q.type === 'short_text' ? '비우면 200자' : '비우면 4,000자'} />
        </div>
      )}

      <ConditionEditor question={q} number={number} targets={targets} onChange={onChange} />

      {onRemove && (
        <div className="row-actions">
          <button type="button" className="button button-small button-danger" onClick={onRemove}>
            문항 {number} 삭제
          </button>
        </div>
      )}
    </li>
  );
}

/** 표시 조건: the question shows only when an earlier answer matches. */
function ConditionEditor({ question: q, number, targets, onChange }: Omit<QuestionEditorProps, 'onRemove'>) {
  const id = (name: string) => `q${q.key}-if-${name}`;
  const target = targets.find((t) => t.id === q.showIf.questionId);
  const operators = target ? OPERATORS_BY_TYPE[target.type] : [];
  const setShowIf = (patch: Partial<QuestionDraft['showIf']>) => onChange({ showIf: { ...q.showIf, ...patch } });
  const chooseTarget = (questionId: string) => {
    const t = targets.find((x) => x.id === questionId);
    setShowIf({ questionId, operator: t ? OPERATORS_BY_TYPE[t.type][0] : 'equals', value: '' });
  };
  const targetLabel = (t: QuestionDraft) => `${t.text.trim() || '(내용 없음)'} [${QUESTION_TYPE_LABEL[t.type]}]`;

  return (
    <div className="condition-editor">
      <label className="checkbox" htmlFor={id('on')}>
        <input
          id={id('on')}
          type="checkbox"
          checked={q.conditional}
          disabled={!targets.length && !q.conditional}
          onChange={(e) => {
            onChange({ conditional: e.target.checked });
            if (e.target.checked && !q.showIf.questionId && targets.length) chooseTarget(targets[targets.length - 1].id);
          }}
        />
        문항 {number}: 앞 문항의 답에 따라 보이기
      </label>
      {!targets.length && !q.conditional && <span className="muted small"> (앞에 5점 척도·숫자·선택 문항이 있어야 합니다)</span>}
      {q.conditional && (
        <div className="form-grid subform">
          <SelectField
            id={id('question')}
            label={`문항 ${number} 조건 문항`}
            options={{ '': '문항 선택', ...Object.fromEntries(targets.map((t) => [t.id, targetLabel(t)])) }}
            value={q.showIf.questionId}
            onChange={chooseTarget}
          />
          {target && (
            <SelectField
              id={id('operator')}
              label={`문항 ${number} 조건`}
              options={Object.fromEntries(operators.map((o) => [o, OPERATOR_LABEL[o]])) as Record<ShowIfOperator, string>}
              value={q.showIf.operator}
              onChange={(operator) => setShowIf({ operator })}
            />
          )}
          {target && <ConditionValue id={id('value')} label={`문항 ${number} 조건 값`} target={target} value={q.showIf.value} onChange={(value) => setShowIf({ value })} />}
        </div>
      )}
    </div>
  );
}

function ConditionValue({ id, label, target, value, onChange }: { id: string; label: string; target: QuestionDraft; value: string; onChange: (value: string) => void }) {
  if (target.type === 'numeric') return <InputField id={id} label={label} type="number" value={value} onChange={(e) => onChange(e.target.value)} />;
  // A plain list, not SelectField: Likert values '1'…'5' look like array indexes and would be put before '값 선택'.
  const options: [string, string][] =
    target.type === 'likert5' ? Object.entries(LIKERT_LABEL).map(([v, text]) => [v, `${v} ${text}`]) : target.options.map((o, i) => [o.value, o.label.trim() || `보기 ${i + 1}`]);
  return (
    <Field id={id} label={label}>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">값 선택</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
}
