import { Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { AppConfig } from '../config';
import { JobQueue, OUTBOX_CHANNEL } from './job-queue.service';

/** How often the outbox is looked at without a notification (a missed NOTIFY, Redis back after an outage). */
const POLL_MS = 2_000;
const RECONCILE_MS = 30_000;

/**
 * Moves committed outbox rows to BullMQ: woken by the NOTIFY of each commit that wrote one, and by
 * a timer that covers missed notifications and Redis coming back. Runs in every api and worker
 * process; rows are locked with SKIP LOCKED, so processes never relay the same row at once, and a
 * row relayed twice lands on the same BullMQ job id.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private listener?: Client;
  private timers: NodeJS.Timeout[] = [];
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    void this.listen();
    this.timers.push(setInterval(() => this.kick(), POLL_MS), setInterval(() => void this.reconcile(), RECONCILE_MS));
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    await this.running;
    await this.listener?.end().catch(() => undefined);
  }

  /** Drains the outbox now, or once more right after the drain in progress. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          const relayed = await this.jobs.relay();
          if (relayed.size === 100) this.again = true;
        } catch (e) {
          this.logger.warn({ msg: 'outbox relay failed; retrying', error: (e as Error).message });
        }
      } while (this.again && !this.stopped);
    })().finally(() => (this.running = undefined));
  }

  private async reconcile(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.jobs.reconcile();
    } catch (e) {
      this.logger.warn({ msg: 'outbox reconciliation failed; retrying', error: (e as Error).message });
    }
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.config.appDatabaseUrl });
    client.on('notification', () => this.kick());
    client.on('error', () => undefined);
    client.on('end', () => {
      // The database went away: listen again once it is back; the poll covers the gap.
      if (!this.stopped) setTimeout(() => void this.listen(), POLL_MS).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.listener = client;
    } catch (e) {
      this.logger.warn({ msg: 'cannot listen for outbox notifications; polling', error: (e as Error).message });
      await client.end().catch(() => undefined);
    }
  }
}

/** The relay, for the processes that run it (api and worker, not the cli). */
@Module({ providers: [OutboxRelay], exports: [OutboxRelay] })
export class OutboxRelayModule {}
