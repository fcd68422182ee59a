import { Fragment, type ReactNode } from 'react';

/** "목록 › 항목 › …": the steps (links or text) from a list down to this page. */
export function Breadcrumb({ steps }: { steps: ReactNode[] }) {
  return (
    <p className="breadcrumb">
      {steps.map((step, i) => (
        <Fragment key={i}>
          {i > 0 && (
            <>
              {' '}
              <span aria-hidden="true">›</span>{' '}
            </>
          )}
          {step}
        </Fragment>
      ))}
    </p>
  );
}
