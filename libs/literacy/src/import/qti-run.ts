/* The QTI reader's public shapes and limits, and the bookkeeping of one upload (rows, problems, caps). */
import { uploadLimits } from '@app/core/http/upload-limits';

export interface QtiItemResult {
  identifier: string;
  sequenceIndex?: number;
  sessionStatus?: string;
  /**
   * Candidate-response values of the `RESPONSE` variable (or of the only
   * response variable other than the built-in `numAttempts`/`duration`),
   * trimmed, in document order. `null` when absent or empty: QTI treats an
   * empty container and an empty string as NULL. Also `null` when an item has
   * several response variables and none is called `RESPONSE`.
   */
  response: string[] | null;
  /** The `SCORE` outcome; `null` when the item has no (or an empty) SCORE. */
  score: number | null;
}

export interface QtiCandidateResult {
  /** 1-based position of the assessmentResult across the upload (file order, then document order) — used as the "row" in error messages. */
  index: number;
  /** the file name inside a ZIP, or the upload's name */
  source: string;
  /** context@sourcedId — the school-issued pseudonymous student id */
  studentId: string;
  /** sessionIdentifier elements by the last path segment of sourceID (e.g. sourceID "https://aiedu.sen.go.kr/ns/school" → key "school"), value = identifier */
  context: Record<string, string>;
  items: QtiItemResult[];
}

export interface QtiProblem {
  /** `index` of the result; 0 for a problem with a whole file or the upload. */
  row: number;
  /** What inside the result (e.g. `itemResult[item-1]/SCORE`), or the file for row 0. */
  column?: string;
  reason: string;
}

export interface QtiParseResult {
  /**
   * Results without problems, in `index` order. A result with any problem is
   * left out, so when `problems` is not empty this is not the whole upload.
   */
  results: QtiCandidateResult[];
  /** At most {@link QTI_PROBLEM_LIMIT}; `problemCount` has the true total. */
  problems: QtiProblem[];
  problemCount: number;
}

export interface QtiParseOptions {
  /** More results than this is a problem (reported once); default 20,000. */
  maxResults?: number;
  /** Largest single XML document, in bytes; default UPLOAD_MAX_EXPANDED_MB (200 MB). */
  maxXmlBytes?: number;
  /** Largest total of the XML entries of a ZIP, uncompressed; default UPLOAD_MAX_EXPANDED_MB (200 MB). */
  maxZipBytes?: number;
  /** Largest compression ratio of a ZIP entry over 1 MiB; default UPLOAD_MAX_RATIO (200). */
  maxRatio?: number;
}

/** Thrown only when the upload is neither an XML document nor a readable ZIP archive. */
export class QtiFormatError extends Error {
  override readonly name = 'QtiFormatError';
}

export const QTI_RESULT_NAMESPACES: readonly string[] = [
  'http://www.imsglobal.org/xsd/imsqti_result_v3p0',
  'http://www.imsglobal.org/xsd/imsqti_result_v2p2',
  'http://www.imsglobal.org/xsd/imsqti_result_v2p1',
];

/** Same cap as the tabular importers: a list longer than this helps nobody. */
export const QTI_PROBLEM_LIMIT = 1000;

export const DEFAULT_MAX_RESULTS = 20_000;

/** Response variables every QTI item has, which are not the candidate's answer. */
export const BUILT_IN_RESPONSES = new Set(['numAttempts', 'duration']);

/** One upload being read: its results, its problems (capped) and the row numbers handed out. */
export class Run {
  readonly maxResults: number;
  readonly maxXmlBytes: number;
  readonly maxZipBytes: number;
  readonly maxRatio: number;
  readonly results: QtiCandidateResult[] = [];
  private readonly problems: QtiProblem[] = [];
  private problemCount = 0;
  /** Number of assessmentResult elements met so far; the next one gets `seen + 1`. */
  seen = 0;
  /** Set once more than maxResults results were met: nothing more is read. */
  full = false;

  constructor(opts: QtiParseOptions) {
    this.maxResults = opts.maxResults ?? DEFAULT_MAX_RESULTS;
    // The process-wide upload limits (set from the configuration when the api starts).
    const limits = uploadLimits();
    this.maxXmlBytes = opts.maxXmlBytes ?? limits.maxExpandedBytes;
    this.maxZipBytes = opts.maxZipBytes ?? limits.maxExpandedBytes;
    this.maxRatio = opts.maxRatio ?? limits.maxCompressionRatio;
  }

  problem(row: number, column: string | undefined, reason: string): void {
    this.problemCount++;
    if (this.problems.length < QTI_PROBLEM_LIMIT) {
      this.problems.push(column === undefined ? { row, reason } : { row, column, reason });
    }
  }

  /** Hands out the next row number, or undefined (and one problem) past maxResults. */
  nextIndex(): number | undefined {
    if (this.full) return undefined;
    if (this.seen >= this.maxResults) {
      this.full = true;
      this.problem(
        this.maxResults + 1,
        undefined,
        `the upload has more than ${this.maxResults} results; split it into smaller uploads`,
      );
      return undefined;
    }
    return ++this.seen;
  }

  finish(): QtiParseResult {
    return { results: this.results, problems: this.problems, problemCount: this.problemCount };
  }
}
