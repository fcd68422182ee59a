import { Module } from '@nestjs/common';
import { AssessmentsService } from './assessments/assessments.service';
import { ItemBankService } from './bank/item-bank.service';
import { EquatingService } from './equating/equating.service';
import { LiteracyLinkJob } from './equating/literacy-link.job';
import { LiteracyBankController } from './literacy-bank.controller';
import { LiteracyAnalysisJob } from './computation/literacy-analysis.job';
import { LiteracyAnalysisService } from './computation/literacy-analysis.service';
import { LiteracyController } from './literacy.controller';
import { LiteracyReportBuilder } from './reports/literacy-report-builder.service';
import { LiteracyReportFiles } from './reports/literacy-report-files.service';
import { LiteracyReportsJob } from './reports/literacy-reports.job';
import { LiteracyReportsService } from './reports/literacy-reports.service';
import { ResultsImportService } from './results/results-import.service';

/** AI·디지털 리터러시 진단검사: assessments, result imports (CSV/XLSX/QTI), analysis and reports. */
const SERVICES = [AssessmentsService, ResultsImportService, LiteracyAnalysisService, LiteracyReportsService, LiteracyReportFiles, LiteracyReportBuilder, ItemBankService, EquatingService];

@Module({
  controllers: [LiteracyController, LiteracyBankController],
  providers: SERVICES,
  exports: SERVICES,
})
export class LiteracyModule {}

/** Analysis and bulk report jobs, for the worker. */
@Module({
  providers: [...SERVICES, LiteracyAnalysisJob, LiteracyReportsJob, LiteracyLinkJob],
})
export class LiteracyJobsModule {}
