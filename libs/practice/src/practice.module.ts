import { Module } from '@nestjs/common';
import { TrainingModule } from '@app/training';
import { CasesController } from './cases/cases.controller';
import { CasesService } from './cases/cases.service';
import { CommendationsController } from './commendations/commendations.controller';
import { CommendationsService } from './commendations/commendations.service';
import { CommunitiesController } from './communities/communities.controller';
import { CommunitiesService } from './communities/communities.service';

/** 조례 제8조 (best practices, teacher learning communities) and 제10조 (commendations). */
@Module({
  imports: [TrainingModule],
  controllers: [CasesController, CommunitiesController, CommendationsController],
  providers: [CasesService, CommunitiesService, CommendationsService],
  exports: [CasesService, CommunitiesService, CommendationsService],
})
export class PracticeModule {}
