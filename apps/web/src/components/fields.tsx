import { useRef, useState, type InputHTMLAttributes, type ReactNode, type RefObject, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { formatBytes } from '../format';

/** The first option of every filter: no filtering. */
export const ANY = { '': '전체' } as const;

/** `<span id="{id}-hint" class="hint">`, which the control names in its aria-describedby; nothing without a hint. */
function Hint({ id, hint }: { id: string; hint?: ReactNode }) {
  return hint ? (
    <span id={`${id}-hint`} className="hint">
      {hint}
    </span>
  ) : null;
}

/** The aria-describedby of a control with the given id: its hint, if it has one. */
const hintOf = (id: string, hint?: ReactNode): string | undefined => (hint ? `${id}-hint` : undefined);

/** `<span id="{id}-error" class="field-error">` under a control whose value the server refused; nothing without one. */
function FieldErrorText({ id, error }: { id: string; error?: ReactNode }) {
  return error ? (
    <span id={`${id}-error`} className="field-error" data-testid={`${id}-error`}>
      {error}
    </span>
  ) : null;
}

/** The aria-describedby of a control with a hint and an error: both, either or none. */
const describedBy = (id: string, hint?: ReactNode, error?: ReactNode): string | undefined =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

interface FieldProps {
  /** The control's id; the label points at it. */
  id: string;
  label: ReactNode;
  /** Adds `field-wide` (a wider grid cell in the filter and club forms). */
  wide?: boolean;
  children: ReactNode;
}

/** A `.field` block: a label bound to the control with the given id, then the control. */
export function Field({ id, label, wide, children }: FieldProps) {
  return (
    <div className={wide ? 'field field-wide' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

type InputFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & {
  id: string;
  label: ReactNode;
  wide?: boolean;
  /** Shown under the input as `<span id="{id}-hint" class="hint">`, and named by the input's aria-describedby. */
  hint?: ReactNode;
  /** What is wrong with the value (e.g. the server's reason), under the hint; marks the input invalid. */
  error?: ReactNode;
};

/** A labelled `<input>`; every other prop goes to the input itself. */
export function InputField({ id, label, wide, hint, error, ...input }: InputFieldProps) {
  return (
    <Field id={id} label={label} wide={wide}>
      <input id={id} aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? true : undefined} {...input} />
      <Hint id={id} hint={hint} />
      <FieldErrorText id={id} error={error} />
    </Field>
  );
}

type SelectFieldProps<T extends string> = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'value' | 'onChange' | 'children'> & {
  id: string;
  label: ReactNode;
  wide?: boolean;
  value: T;
  /**
   * value → label, one `<option>` each, in the object's key order (so keys must not look like array
   * indexes, which JavaScript orders first). Put `'': '전체'` first for an "any" choice.
   */
  options: Readonly<Record<T, string>>;
  /** Called with the chosen option's value. */
  onChange: (value: T) => void;
  hint?: ReactNode;
  /** What is wrong with the choice, under the select; marks it invalid. */
  error?: ReactNode;
};

/** A labelled `<select>` whose options come from a value → label map (e.g. `STATUS_LABEL`). */
export function SelectField<T extends string>({ id, label, wide, value, options, onChange, hint, error, ...select }: SelectFieldProps<T>) {
  return (
    <Field id={id} label={label} wide={wide}>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as T)} aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? true : undefined} {...select}>
        {(Object.entries(options) as [T, string][]).map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
      <Hint id={id} hint={hint} />
      <FieldErrorText id={id} error={error} />
    </Field>
  );
}

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & {
  id: string;
  label: ReactNode;
  wide?: boolean;
  hint?: ReactNode;
};

/** A labelled `<textarea>`; every other prop goes to the textarea itself. */
export function TextAreaField({ id, label, wide, hint, ...textarea }: TextAreaFieldProps) {
  return (
    <Field id={id} label={label} wide={wide}>
      <textarea id={id} aria-describedby={hintOf(id, hint)} {...textarea} />
      <Hint id={id} hint={hint} />
    </Field>
  );
}

interface CheckboxGroupProps<T extends string> {
  /** Prefix of the checkboxes' ids. */
  id: string;
  legend: ReactNode;
  options: Readonly<Record<T, string>>;
  value: readonly T[];
  onChange: (value: T[]) => void;
  hint?: ReactNode;
}

/** A `<fieldset>` of checkboxes, one per option, in the options' key order. */
export function CheckboxGroup<T extends string>({ id, legend, options, value, onChange, hint }: CheckboxGroupProps<T>) {
  const keys = Object.keys(options) as T[];
  const toggle = (key: T, on: boolean) => onChange(keys.filter((k) => (k === key ? on : value.includes(k))));
  return (
    <fieldset className="field checkbox-group" aria-describedby={hintOf(id, hint)}>
      <legend>{legend}</legend>
      <div className="checkbox-row">
        {keys.map((key) => (
          <label key={key} className="checkbox" htmlFor={`${id}-${key}`}>
            <input id={`${id}-${key}`} type="checkbox" checked={value.includes(key)} onChange={(e) => toggle(key, e.target.checked)} />
            {options[key]}
          </label>
        ))}
      </div>
      <Hint id={id} hint={hint} />
    </fieldset>
  );
}

export interface FileInput {
  file: File | null;
  setFile: (file: File | null) => void;
  ref: RefObject<HTMLInputElement | null>;
  /** Forgets the chosen file, in the input too (after an upload). */
  clear: () => void;
}

/** The chosen file of a `<FileField>`. */
export function useFileInput(): FileInput {
  const [file, setFile] = useState<File | null>(null);
  const ref = useRef<HTMLInputElement>(null);
  const clear = () => {
    setFile(null);
    if (ref.current) ref.current.value = '';
  };
  return { file, setFile, ref, clear };
}

interface FileFieldProps {
  id: string;
  input: FileInput;
  /** The file types the picker offers. */
  accept: string;
  hint: ReactNode;
}

/**
 * A wide 파일 field: a Korean 파일 선택 button (the browser's own file button speaks the browser's
 * language) and the chosen file's name and size (`data-testid="{id}-name"`), then the hint.
 */
export function FileField({ id, input, accept, hint }: FileFieldProps) {
  const { file, setFile, ref } = input;
  return (
    <Field id={id} label="파일" wide>
      <div className="file-picker">
        <input id={id} ref={ref} className="file-input" type="file" accept={accept} aria-describedby={`${id}-hint ${id}-name`} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <label htmlFor={id} className="button button-small" aria-hidden="true">
          파일 선택
        </label>
        <span id={`${id}-name`} className="file-name" data-testid={`${id}-name`}>
          {file ? `${file.name} (${formatBytes(file.size)})` : '선택한 파일 없음'}
        </span>
      </div>
      <Hint id={id} hint={hint} />
    </Field>
  );
}

interface SubmitButtonProps {
  /** While busy the button is disabled and shows `busyLabel` (e.g. 저장 중…). */
  busy: boolean;
  busyLabel: string;
  className?: string;
  /** Disabled for another reason too (e.g. nothing to save). */
  disabled?: boolean;
  testId?: string;
  children: ReactNode;
}

/** A form's submit button. */
export function SubmitButton({ busy, busyLabel, className = 'button button-primary', disabled, testId, children }: SubmitButtonProps) {
  return (
    <button type="submit" className={className} disabled={busy || disabled} data-testid={testId}>
      {busy ? busyLabel : children}
    </button>
  );
}

/** A short confirmation beside a form's buttons (e.g. 저장했습니다.), announced politely. */
export function Notice({ text, testId }: { text: string | null; testId?: string }) {
  return text ? (
    <span className="notice" role="status" data-testid={testId}>
      {text}
    </span>
  ) : null;
}
