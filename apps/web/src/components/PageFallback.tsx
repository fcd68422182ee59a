import { Link } from 'react-router';
import { LoadingPage } from '../lazyPage';
import { ErrorMessage } from './ErrorMessage';

interface Props {
  error: unknown;
  /** The page's heading above the error. */
  heading: string;
  /** What failed, e.g. "공모를 불러오지 못했습니다." */
  errorTitle: string;
  /** The list the page belongs to: where to go instead. */
  back: { to: string; label: string };
}

/** A page that shows only 불러오는 중. */
export { LoadingPage };

/** A detail page until its data is there: the load error with a link back to the list, or 불러오는 중. */
export function PageFallback({ error, heading, errorTitle, back }: Props) {
  if (!error) return <LoadingPage />;
  return (
    <div className="page">
      <h1>{heading}</h1>
      <ErrorMessage error={error} title={errorTitle} />
      <p>
        <Link to={back.to}>{back.label}</Link>
      </p>
    </div>
  );
}
