import { ErrorMessage } from '../../components/ErrorMessage';
import { SubmitButton } from '../../components/fields';
import { ProblemList } from '../../components/ProblemList';
import { Link } from 'react-router';
import { SURVEY_FIELD_LABEL } from './surveyLabels';

interface Props {
  /** Problems found before sending; shown once the form has been tried. */
  problems: string[];
  tried: boolean;
  problemsTestId: string;
  /** The API's refusal, its field names in the surveys' words. */
  error: unknown;
  errorTitle: string;
  messages?: Readonly<Record<string, string>>;
  busy: boolean;
  busyLabel: string;
  submitLabel: string;
  submitTestId: string;
  /** Where 취소 goes. */
  cancelTo: string;
}

/** The end of a survey form: what to fix, the API's error, then the submit button and 취소. */
export function FormFooter({ problems, tried, problemsTestId, error, errorTitle, messages, busy, busyLabel, submitLabel, submitTestId, cancelTo }: Props) {
  return (
    <>
      {tried && <ProblemList problems={problems} testId={problemsTestId} />}
      <ErrorMessage error={error} title={errorTitle} messages={messages} fields={SURVEY_FIELD_LABEL} />
      <div className="form-actions">
        <SubmitButton busy={busy} busyLabel={busyLabel} testId={submitTestId}>
          {submitLabel}
        </SubmitButton>
        <Link to={cancelTo} className="button button-ghost">
          취소
        </Link>
      </div>
    </>
  );
}
