import type { ReactNode } from 'react';

/** A column heading: its text, or the text with `num` for a right-aligned number column. */
export type Column = ReactNode | { label: ReactNode; num: true };

/** A right-aligned number column. */
export const num = (label: ReactNode): Column => ({ label, num: true });

const isNum = (column: Column): column is { label: ReactNode; num: true } =>
  typeof column === 'object' && column !== null && 'num' in column && column.num === true;

interface Props {
  /** Column headings in order; false, null and undefined leave a column out. */
  columns: Column[];
  caption: ReactNode;
  /** The caption's class: by default only screen readers get it. */
  captionClassName?: string;
  testId?: string;
  className?: string;
  /** Added to the scrolling wrapper's `table-wrap`. */
  wrapClassName?: string;
  /** The rows. */
  children: ReactNode;
  /** Rows of a `<tfoot>`. */
  footer?: ReactNode;
}

/** A `.table` in its scrolling wrapper: caption, one header row of `scope="col"` cells, the body rows. */
export function DataTable({ columns, caption, captionClassName = 'sr-only', testId, className = 'table', wrapClassName, children, footer }: Props) {
  const shown = columns.filter((c) => c !== false && c !== null && c !== undefined);
  return (
    <div className={wrapClassName ? `table-wrap ${wrapClassName}` : 'table-wrap'}>
      <table className={className} data-testid={testId}>
        <caption className={captionClassName}>{caption}</caption>
        <thead>
          <tr>
            {shown.map((column, i) =>
              isNum(column) ? (
                <th key={i} scope="col" className="num">
                  {column.label}
                </th>
              ) : (
                <th key={i} scope="col">
                  {column}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
        {footer && <tfoot>{footer}</tfoot>}
      </table>
    </div>
  );
}
