export type { CellProblem } from './tabular-error';
export { importRejected, TabularFormatError } from './tabular-error';
export type { DecodedText, TextEncodingName } from './decode-text';
export { decodeText } from './decode-text';
export type { ParsedRow, ParsedTable, ReadTableOptions } from './parsed-table';
export { readCsv } from './read-csv';
export { readXlsx } from './read-xlsx';
export { readTable, requireHeaders } from './read-table';
