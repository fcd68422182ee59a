import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config';
import { AppError, ServiceBusyError } from '../errors';

/*
 * 접속기록 (개인정보의 안전성 확보조치 기준 제8조): who read, changed, downloaded or printed whose
 * personal data, from where, through which route. The table (migrations/1765100000000) is a hash
 * chain its own trigger extends: the app only appends, and each append is its own autocommit
 * statement, because the trigger holds one global lock until the append commits — inside a long
 * transaction it would serialise every request behind that transaction.
 */

export const ACCESS_ACTIONS = ['read', 'change', 'download', 'print'] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

/** A row keeps at most this many subject ids; `subjectCount` still says how many there were. */
export const MAX_STORED_SUBJECT_IDS = 1000;

export interface AccessEntry {
  actor: { id: string; role: string | null } | null;
  clientIp: string | null;
  action: AccessAction;
  /** What the ids are: `student`, `user`, `training_participant`… */
  subjectType: string;
  subjectIds: readonly (string | number)[];
  /** How many subjects there were, when more than the ids given (a workbook of a whole school); default: the distinct ids. */
  subjectCount?: number;
  /** The one school the subjects belong to, when there is one (the monthly review compares it with the account's). */
  schoolId?: number | null;
  /** `GET /api/v1/consent/students/:id/records`: the route's template, never the URL with its ids or tokens. */
  route: string;
  requestId?: string | null;
  /** Why a large download was needed, as its requester typed it. */
  reason?: string | null;
}

/** Fail closed: personal data whose access could not be recorded is not served. */
export class AccessLogUnavailableError extends ServiceBusyError {
  constructor() {
    super('The access to personal data could not be recorded, so it was not served: try again shortly', 5, 'ACCESS_LOG_UNAVAILABLE');
  }
}

/** A download about many people names its purpose (PRIVACY_REASON_THRESHOLD). */
export class ReasonRequiredError extends AppError {
  constructor(count: number, threshold: number) {
    super('REASON_REQUIRED', `This file holds personal data of ${count} people (more than ${threshold}): give the reason for downloading it (?reason=…)`, 400, [
      { field: 'reason', reason: `required above ${threshold} people`, count, threshold },
    ]);
  }
}

@Injectable()
export class AccessLog {
  private readonly logger = new Logger('AccessLog');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** Downloads about more subjects than this need a reason. */
  get reasonThreshold(): number {
    return this.config.privacyReasonThreshold;
  }

  /** Appends one record, or throws AccessLogUnavailableError (the caller then serves nothing). */
  async record(e: AccessEntry): Promise<void> {
    const distinct = [...new Set(e.subjectIds.map(String))];
    try {
      await this.ds.query(
        `INSERT INTO access_log (actor_id, actor_role, client_ip, action, subject_type, subject_ids, subject_count, school_id, route, request_id, reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          e.actor?.id ?? null, e.actor?.role ?? null, e.clientIp?.slice(0, 100) ?? null, e.action, e.subjectType, distinct.slice(0, MAX_STORED_SUBJECT_IDS),
          Math.max(e.subjectCount ?? 0, distinct.length), e.schoolId ?? null, e.route.slice(0, 300), e.requestId?.slice(0, 100) ?? null, e.reason ?? null,
        ],
      );
    } catch (err) {
      this.logger.error({ msg: 'access record not written', route: e.route, requestId: e.requestId, error: (err as Error).message });
      throw new AccessLogUnavailableError();
    }
  }
}
