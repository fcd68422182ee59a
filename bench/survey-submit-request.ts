/**
 * autocannon `setupRequest` for the surveys benchmark: every request submits with the next fresh
 * one-time code of its run, `submitCode(prefix, n)` for n = 0, 1, 2, …, whose hashes the benchmark
 * inserted beforehand. autocannon loads this file by path in its worker thread (functions cannot
 * be sent there), so it exports the function itself; the run's prefix comes in the request context.
 */
import type { Request } from 'autocannon';
import { submitAnswers, submitCode, submitPath, type SubmitContext } from './survey-fixture';

/** Next code per prefix (a worker runs one prefix; on the main thread the runs share this module). */
const next = new Map<string, number>();

function setupRequest(request: Request, context: object): Request {
  const { prefix } = context as SubmitContext;
  const n = next.get(prefix) ?? 0;
  next.set(prefix, n + 1);
  const code = submitCode(prefix, n);
  request.path = submitPath(code);
  request.body = JSON.stringify({ answers: submitAnswers(n), idempotencyKey: `bench-${code}` });
  return request;
}

export = setupRequest;
