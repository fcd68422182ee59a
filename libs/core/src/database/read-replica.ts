import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * Reads that may lag the primary by a moment: reports and lists (the school list, classroom
 * statistics, literacy city and school reports, the consent overview). With DATABASE_REPLICA_URL
 * set they run on the streaming replica; without it, on the primary as everything else does.
 *
 * Never for what the same request (or the user's next click) must see of a write just made, nor for
 * figures that are then written down (a destruction's year-end tallies): those read `ds.query`,
 * which is the primary.
 *
 * If the replica cannot be reached, or cancels the statement because replay needed its rows (a
 * recovery conflict), the read runs on the primary instead: a report is slower, not broken.
 */
@Injectable()
export class ReadReplica {
  private readonly log = new Logger('ReadReplica');
  /** Where reads went, for /metrics and tests: `replica`, `primary` (none configured), `fallback` (replica failed). */
  readonly served = { replica: 0, primary: 0, fallback: 0 };

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  get configured(): boolean {
    return (this.ds.driver as unknown as { isReplicated?: boolean }).isReplicated === true;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async query<T = any>(sql: string, params?: unknown[]): Promise<T> {
    if (!this.configured) {
      this.served.primary++;
      return this.ds.query(sql, params);
    }
    const qr = this.ds.createQueryRunner('slave');
    try {
      await qr.connect();
    } catch (e) {
      await qr.release().catch(() => undefined);
      return this.fallback(sql, params, e);
    }
    try {
      const rows = await qr.query(sql, params);
      this.served.replica++;
      return rows;
    } catch (e) {
      if (!isReplicaTrouble(e)) throw e;
      return this.fallback(sql, params, e);
    } finally {
      await qr.release().catch(() => undefined);
    }
  }

  private async fallback<T>(sql: string, params: unknown[] | undefined, cause: unknown): Promise<T> {
    this.served.fallback++;
    this.log.warn(`replica read failed, reading from the primary: ${(cause as Error)?.message ?? cause}`);
    return this.ds.query(sql, params);
  }
}

/** A recovery conflict (40001 on a standby), the replica shutting down or restarting (57P0x), or a broken connection (08xxx). */
function isReplicaTrouble(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string } };
  const code = err.driverError?.code ?? err.code ?? '';
  return code === '40001' || code.startsWith('57P0') || code.startsWith('08') || code === 'ECONNRESET' || code === 'ECONNREFUSED';
}
