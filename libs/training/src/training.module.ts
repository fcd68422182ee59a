import { Module } from '@nestjs/common';
import { CompletionImportService } from './completions/completion-import.service';
import { CoursesService } from './courses/courses.service';
import { BadgeIssuanceJob } from './issuance/badge-issuance.job';
import { BadgeIssuer } from './issuance/badge-issuer.service';
import { BadgeKeys } from './issuance/badge-keys.service';
import { BadgeVerification } from './issuance/badge-verification.service';
import { BadgesController } from './issuance/badges.controller';
import { TrainingRecordsService } from './records/training-records.service';
import { TrainingController } from './training.controller';

const SERVICES = [CoursesService, CompletionImportService, TrainingRecordsService, BadgeKeys, BadgeIssuer, BadgeVerification];

@Module({
  controllers: [TrainingController, BadgesController],
  providers: SERVICES,
  exports: SERVICES,
})
export class TrainingModule {}

/** Badge issuance, for the worker. */
@Module({
  providers: [...SERVICES, BadgeIssuanceJob],
})
export class TrainingJobsModule {}
