import type { ValueTransformer } from 'typeorm';

/** pg returns bigint and numeric as strings; amounts here stay far below 2^53. */
export const numericColumn: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null || v === undefined ? null : Number(v)),
};
