/**
 * A heavy, rarely used package loaded on first use rather than when the process starts (issue 16:
 * the api's memory at rest). The one way to do it in this code base:
 *
 *   import type ExcelJS from 'exceljs';
 *   const exceljs = lazyModule(() => import('exceljs'));
 *   …
 *   const { Workbook } = (await exceljs()).default;
 *
 * The build is CommonJS (tsc, module node20), which keeps `import()` as Node's own dynamic import:
 * it loads CommonJS packages (then `default` is their `module.exports`) and ES modules alike. Jest's
 * swc transform (`ignoreDynamic: false`) turns it into a `require`, with the same `default`. The
 * first call starts the load and every later call shares it; a failed load is tried again on the
 * next call.
 */
export function lazyModule<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((e: unknown) => {
      loading = undefined;
      throw e;
    }));
}
