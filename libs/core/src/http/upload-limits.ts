import { ServiceBusyError } from '../errors/app-error';

/*
 * How much work one process lets uploaded files cause. The readers (tabular CSV/XLSX, QTI ZIP)
 * are plain functions called by many importers, so the limits live here, set once from the
 * configuration when the api starts (`configureUploadLimits`), rather than being passed through
 * every importer; unit tests and tools get the defaults.
 */

export interface UploadLimits {
  /** Most bytes one uploaded archive (XLSX, ZIP) may expand to, all entries together. */
  maxExpandedBytes: number;
  /** Largest compression ratio of an archive entry above 1 MiB. */
  maxCompressionRatio: number;
  /** File parses running at once in this process. */
  parseConcurrency: number;
  /** Parses that may wait for a turn; past that the upload is answered 503 with Retry-After. */
  parseQueue: number;
}

/** A counting semaphore with a bounded FIFO queue; a slot is handed straight to the next waiter. */
export class ParseGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly concurrency: number,
    readonly queue: number,
  ) {}

  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(task: () => T | Promise<T>): Promise<T> {
    if (this.active < this.concurrency) {
      this.active++;
    } else {
      if (this.waiting.length >= this.queue) {
        throw new ServiceBusyError('Too many files are being read right now; send this one again in a few seconds', 5, 'UPLOADS_BUSY');
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/** Waiting uploads per running parse: a short burst waits, a flood is turned away. */
const QUEUE_PER_SLOT = 4;

/**
 * - 200 MB expanded: our largest legitimate archives are a 100,000-row completions workbook
 *   (about 40 MB of XML) and a 10,000-student QTI export (about 125 MB of XML in one document).
 * - 200:1: workbooks compress 10–15:1 (cell references differ on every row); QTI exports are more
 *   repetitive, about 90:1 for a synthetic 10,000-student file and 150:1 if all answered alike;
 *   a cheap bomb of one repeated text is 250–1000:1. The ratio only refuses bombs early: what
 *   bounds memory is the expanded size, checked before and while inflating.
 * - 2 parses at once: a 2-core machine; each parse of a large file holds tens of MB.
 */
export const DEFAULT_UPLOAD_LIMITS: Readonly<UploadLimits> = Object.freeze({
  maxExpandedBytes: 200 * 1024 * 1024,
  maxCompressionRatio: 200,
  parseConcurrency: 2,
  parseQueue: 2 * QUEUE_PER_SLOT,
});

let limits: UploadLimits = { ...DEFAULT_UPLOAD_LIMITS };
let gate = new ParseGate(limits.parseConcurrency, limits.parseQueue);

export function uploadLimits(): Readonly<UploadLimits> {
  return limits;
}

/** Called by the api at start with the validated configuration. */
export function configureUploadLimits(config: { uploadMaxExpandedBytes: number; uploadMaxCompressionRatio: number; uploadParseConcurrency: number }): void {
  limits = {
    maxExpandedBytes: config.uploadMaxExpandedBytes,
    maxCompressionRatio: config.uploadMaxCompressionRatio,
    parseConcurrency: config.uploadParseConcurrency,
    parseQueue: config.uploadParseConcurrency * QUEUE_PER_SLOT,
  };
  gate = new ParseGate(limits.parseConcurrency, limits.parseQueue);
}

/**
 * Runs `parse` when one of this process's parse slots is free. Parsing a file holds its bytes,
 * what they inflate to and the parsed rows, so letting every concurrent upload parse at once
 * multiplies memory by the number of uploads.
 */
export function withParseSlot<T>(parse: () => T | Promise<T>): Promise<T> {
  return gate.run(parse);
}
