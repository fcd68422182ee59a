import { Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Job } from 'bullmq';
import { ALL_JOB_NAMES, HandlesJob, JOB_HANDLER, JOB_SCHEDULES, JobName, JobQueue, JobResult, Metrics, SCHEDULER } from '@app/core';

export class JobCatalogueError extends Error {}

/** Maps each job name to its one handler; a gap or a double in the catalogue stops the worker at start. */
@Injectable()
export class JobHandlerRegistry implements OnModuleInit, OnApplicationBootstrap {
  private readonly handlers = new Map<JobName, HandlesJob<JobName>>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly jobs: JobQueue,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    const found = new Map<JobName, string[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const { instance, metatype } = wrapper;
      if (!instance || !metatype) continue;
      const name = Reflect.getMetadata(JOB_HANDLER, metatype) as JobName | undefined;
      if (!name) continue;
      found.set(name, [...(found.get(name) ?? []), metatype.name]);
      this.handlers.set(name, instance as HandlesJob<JobName>);
    }
    const problems = [
      ...ALL_JOB_NAMES.filter((n) => !found.has(n)).map((n) => `job '${n}' has no handler`),
      ...[...found].filter(([, hs]) => hs.length > 1).map(([n, hs]) => `job '${n}' has ${hs.length} handlers: ${hs.join(', ')}`),
      ...[...found.keys()].filter((n) => !ALL_JOB_NAMES.includes(n)).map((n) => `handler for unknown job '${n}'`),
    ];
    if (problems.length) throw new JobCatalogueError(`Worker refuses to start:\n  - ${problems.join('\n  - ')}`);
  }

  /** Upserting a scheduler that exists changes nothing, so every worker may do it at start. */
  async onApplicationBootstrap(): Promise<void> {
    for (const s of JOB_SCHEDULES) await this.jobs.schedule(s.name, s.schedulerId, s.cron, { requestedBy: SCHEDULER });
  }

  /**
   * Errors propagate so BullMQ records the failure and retries. A job that ends (done, or failed on
   * its last attempt) is marked finished in the outbox, which otherwise relays it again should Redis
   * lose it.
   */
  async run(job: Job): Promise<JobResult | void> {
    const handler = this.handlers.get(job.name as JobName);
    if (!handler) throw new Error(`no handler for job '${job.name}'`);
    const timer = this.metrics.jobs.startTimer({ name: job.name });
    try {
      const result = await handler.handle(job as Job<never>);
      timer({ outcome: 'completed' });
      // Not marking it is harmless (the outbox asks Redis later); failing the done job would run it again.
      await this.jobs.markFinished(String(job.id), 'completed', { result: result ?? null }).catch(() => undefined);
      return result;
    } catch (e) {
      timer({ outcome: 'failed' });
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        await this.jobs.markFinished(String(job.id), 'failed', { failedReason: (e as Error).message }).catch(() => undefined);
      }
      throw e;
    }
  }
}
