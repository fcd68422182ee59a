import { Module, type Provider } from '@nestjs/common';
import { ConsentModule } from '@app/consent';
import { Destruction } from './destruction/destruction.service';
import { DestructionRegister } from './destruction/destruction-register.service';
import { PrivacyDestructionJob } from './destruction/privacy-destruction.job';
import { LegalHolds } from './retention/legal-holds.service';
import { RetentionController } from './retention/retention.controller';
import { RetentionRules } from './retention/retention-rules.service';
import { AccessLogController } from './access-log/access-log.controller';
import { AccessLogQueries } from './access-log/access-log-queries.service';
import { AccessReviewJob } from './reviews/access-review.job';
import { AccessReview } from './reviews/access-review.service';
import { PrivacyPolicyController } from './policy/privacy-policy.controller';
import { PrivacyPolicy } from './policy/privacy-policy.service';
import { PrivacyRequestsController } from './requests/privacy-requests.controller';
import { PrivacyRequests } from './requests/privacy-requests.service';

/**
 * Personal data from collection to destruction (개인정보 보호법): the retention schedule and its
 * destruction with the register (제21조), the access log's reading, checking and monthly review
 * (안전성 확보조치 기준 제8조), the data subjects' requests (제35–37조) and the privacy policy (제30조).
 * The access log is written by every feature through @app/core's AccessLog.
 */
const SERVICES: Provider[] = [Destruction, RetentionRules, LegalHolds, DestructionRegister, PrivacyRequests, PrivacyPolicy, AccessLogQueries, AccessReview];

@Module({
  imports: [ConsentModule],
  controllers: [PrivacyRequestsController, PrivacyPolicyController, AccessLogController, RetentionController],
  providers: SERVICES,
  exports: SERVICES,
})
export class PrivacyModule {}

/** The daily destruction and the monthly access review, for the worker. */
@Module({
  imports: [ConsentModule],
  providers: [...SERVICES, AccessReviewJob, PrivacyDestructionJob],
})
export class PrivacyJobsModule {}
