import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { JobQueue, withTimeout } from '../queue';

const QUEUE_STATES = ['waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized'] as const;

/**
 * The process's Prometheus metrics (prom-client, one registry per process): memory, CPU and
 * event-loop lag (the defaults), HTTP requests by route template and status (api), job durations
 * (worker), and, read at scrape time, the database pool, each queue's jobs by state and the
 * outbox's backlog. A scrape never waits on Redis for long: queue gauges are left out when it is away.
 */
@Injectable()
export class Metrics implements OnModuleInit {
  readonly registry = new Registry();
  readonly http = new Histogram({
    name: 'aiedu_http_request_duration_seconds',
    help: 'HTTP requests by route template, method and status, and how long they took',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly jobs = new Histogram({
    name: 'aiedu_job_duration_seconds',
    help: 'Background jobs by name and outcome, and how long they took',
    labelNames: ['name', 'outcome'] as const,
    buckets: [0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900],
    registers: [this.registry],
  });

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly queues: JobQueue,
  ) {}

  onModuleInit(): void {
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
    const pool = () => (this.ds.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } }).master;
    new Gauge({
      name: 'aiedu_db_pool_connections',
      help: 'Database pool connections by state (in use, idle) and requests waiting for one',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const p = pool();
        if (!p) return;
        this.set({ state: 'in_use' }, p.totalCount - p.idleCount);
        this.set({ state: 'idle' }, p.idleCount);
        this.set({ state: 'waiting' }, p.waitingCount);
      },
    });
    const queues = this.queues;
    new Gauge({
      name: 'aiedu_queue_jobs',
      help: 'Jobs in each queue by state (absent while Redis does not answer)',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        const byQueue = await withTimeout(queues.countsByQueue(), 2_000, 'Redis').catch(() => undefined);
        for (const [queue, counts] of Object.entries(byQueue ?? {})) {
          for (const state of QUEUE_STATES) this.set({ queue, state }, counts[state] ?? 0);
        }
      },
    });
    const ds = this.ds;
    new Gauge({
      name: 'aiedu_outbox_pending_jobs',
      help: 'Jobs committed in the outbox and not yet handed to Redis',
      registers: [this.registry],
      async collect() {
        const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM job_outbox WHERE relayed_at IS NULL`);
        this.set(n);
      },
    });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
