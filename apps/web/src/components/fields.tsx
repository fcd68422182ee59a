import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

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
};

/** A labelled `<input>`; every other prop goes to the input itself. */
export function InputField({ id, label, wide, hint, ...input }: InputFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <Field id={id} label={label} wide={wide}>
      <input id={id} aria-describedby={hintId} {...input} />
      {hint && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
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
};

/** A labelled `<select>` whose options come from a value → label map (e.g. `STATUS_LABEL`). */
export function SelectField<T extends string>({ id, label, wide, value, options, onChange, ...select }: SelectFieldProps<T>) {
  return (
    <Field id={id} label={label} wide={wide}>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as T)} {...select}>
        {(Object.entries(options) as [T, string][]).map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
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
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <Field id={id} label={label} wide={wide}>
      <textarea id={id} aria-describedby={hintId} {...textarea} />
      {hint && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
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
    <fieldset className="field checkbox-group" aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend>{legend}</legend>
      <div className="checkbox-row">
        {keys.map((key) => (
          <label key={key} className="checkbox" htmlFor={`${id}-${key}`}>
            <input id={`${id}-${key}`} type="checkbox" checked={value.includes(key)} onChange={(e) => toggle(key, e.target.checked)} />
            {options[key]}
          </label>
        ))}
      </div>
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
    </fieldset>
  );
}
