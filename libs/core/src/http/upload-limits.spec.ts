import { ServiceBusyError } from '../errors/app-error';
import { configureUploadLimits, DEFAULT_UPLOAD_LIMITS, ParseGate, uploadLimits } from './upload-limits';

function deferred() {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('ParseGate', () => {
  it('runs at most `concurrency` parses, queues the next ones in order, and turns away the rest with 503', async () => {
    const gate = new ParseGate(2, 2);
    const started: number[] = [];
    const jobs = [0, 1, 2, 3].map(() => deferred());
    const runs = jobs.map((job, i) => gate.run(async () => {
      started.push(i);
      await job.promise;
      return i;
    }));
    await tick();
    expect(started).toEqual([0, 1]);
    expect([gate.running, gate.queued]).toEqual([2, 2]);

    const refused = gate.run(async () => 'never');
    await expect(refused).rejects.toBeInstanceOf(ServiceBusyError);
    await expect(refused).rejects.toMatchObject({ status: 503, code: 'UPLOADS_BUSY', retryAfterSeconds: 5 });

    // A failing parse frees its slot like a finished one; the queue moves in order.
    jobs[1].reject(new Error('bad file'));
    await expect(runs[1]).rejects.toThrow('bad file');
    await tick();
    expect(started).toEqual([0, 1, 2]);
    jobs[0].resolve();
    jobs[2].resolve();
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    jobs[3].resolve();
    expect(await Promise.all([runs[0], runs[2], runs[3]])).toEqual([0, 2, 3]);
    expect([gate.running, gate.queued]).toEqual([0, 0]);
  });
});

describe('upload limits', () => {
  afterEach(() => configureUploadLimits({
    uploadMaxExpandedBytes: DEFAULT_UPLOAD_LIMITS.maxExpandedBytes,
    uploadMaxCompressionRatio: DEFAULT_UPLOAD_LIMITS.maxCompressionRatio,
    uploadParseConcurrency: DEFAULT_UPLOAD_LIMITS.parseConcurrency,
  }));

  it('defaults to 200 MB expanded, 200:1, two parses with eight waiting, and follows the configuration', () => {
    expect(uploadLimits()).toEqual({ maxExpandedBytes: 200 * 1024 * 1024, maxCompressionRatio: 200, parseConcurrency: 2, parseQueue: 8 });
    configureUploadLimits({ uploadMaxExpandedBytes: 50 * 1024 * 1024, uploadMaxCompressionRatio: 30, uploadParseConcurrency: 3 });
    expect(uploadLimits()).toEqual({ maxExpandedBytes: 50 * 1024 * 1024, maxCompressionRatio: 30, parseConcurrency: 3, parseQueue: 12 });
  });
});
