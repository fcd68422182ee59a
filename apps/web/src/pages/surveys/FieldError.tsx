import { ApiError } from '../../api';

/** The API's reasons for one field (`details[].field`, or a field under it such as `target.offices`). */
export function fieldReasons(error: unknown, field: string): string[] {
  if (!(error instanceof ApiError)) return [];
  return error.details.filter((d) => d.field === field || d.field?.startsWith(`${field}.`)).map((d) => d.reason);
}

/** The API's complaint about one field, shown under it. */
export function FieldError({ error, field }: { error: unknown; field: string }) {
  const reasons = fieldReasons(error, field);
  return reasons.length ? (
    <p className="field-error" data-testid={`field-error-${field}`}>
      {reasons.join(' · ')}
    </p>
  ) : null;
}
