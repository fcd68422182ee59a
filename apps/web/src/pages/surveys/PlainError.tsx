import { koreanSummary } from '../../errors';

interface Props {
  error: unknown;
  title: string;
  messages?: Readonly<Record<string, string>>;
  testId?: string;
  /** Accepted for the same props as ErrorMessage; field names are not shown here. */
  fields?: Readonly<Record<string, string>>;
}

/**
 * An error for people without an account (respondents): the Korean headline only, without the
 * server's English message, codes and request id that ErrorMessage adds for staff.
 */
export function PlainError({ error, title, messages, testId }: Props) {
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert" data-testid={testId}>
      <p className="alert-title">{title}</p>
      <p className="alert-body">{koreanSummary(error, messages)}</p>
    </div>
  );
}
