import type { HttpClient } from './http-client';

/** Polls GET /jobs/:id until the job completes or fails, as a user watching it would. */
export async function waitForJob(client: HttpClient, jobId: string, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await client.get(`/api/v1/jobs/${jobId}`);
    if (res.body.state === 'completed' || res.body.state === 'failed') return res.body;
    if (Date.now() > until) throw new Error(`job ${jobId} still ${res.body.state}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
