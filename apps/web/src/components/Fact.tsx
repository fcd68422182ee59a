import type { ReactNode } from 'react';

interface Props {
  label: ReactNode;
  children: ReactNode;
  testId?: string;
  className?: string;
}

/** One term of a `<dl className="facts">`: its label and value. */
export function Fact({ label, children, testId, className }: Props) {
  return (
    <div>
      <dt>{label}</dt>
      <dd className={className} data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
