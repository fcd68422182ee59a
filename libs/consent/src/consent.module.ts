import { Module } from '@nestjs/common';
import { ConsentController, GuardianController } from './consent.controller';
import { Eligibility } from './eligibility/eligibility.service';
import { ConsentRemindJob } from './letters/consent-reminders.job';
import { ConsentReminders } from './letters/consent-reminders.service';
import { ConsentLetters } from './letters/letters.service';
import { ConsentImport } from './records/consent-import.service';
import { ConsentRecords } from './records/consent-records.service';
import { ConsentOverview } from './overview/consent-overview.service';
import { Roster } from './records/roster.service';
import { SchoolStaff } from './school-staff';
import { AiServices } from './services/ai-services.service';

/** Guardian consent for generative AI and the eligibility decision (생성형 AI 가이드, 조례 제9조). */
const SERVICES = [SchoolStaff, AiServices, Roster, ConsentRecords, ConsentImport, ConsentLetters, ConsentReminders, Eligibility, ConsentOverview];

@Module({
  controllers: [ConsentController, GuardianController],
  providers: SERVICES,
  exports: SERVICES,
})
export class ConsentModule {}

/** The daily reminders, for the worker. */
@Module({
  providers: [...SERVICES, ConsentRemindJob],
})
export class ConsentJobsModule {}
