interface Props<T extends string> {
  /** The group's name. */
  label: string;
  /** value → button text, in order. */
  options: Readonly<Record<T, string>>;
  value: T;
  onChange: (value: T) => void;
}

/** A row of toggle buttons of which one is pressed, e.g. 유형별 / 교육지원청별. */
export function Segmented<T extends string>({ label, options, value, onChange }: Props<T>) {
  return (
    <div className="segmented" role="group" aria-label={label}>
      {(Object.entries(options) as [T, string][]).map(([option, text]) => (
        <button key={option} type="button" className={`button button-small${value === option ? ' is-current' : ''}`} aria-pressed={value === option} onClick={() => onChange(option)}>
          {text}
        </button>
      ))}
    </div>
  );
}
