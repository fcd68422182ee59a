import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Classroom } from './classroom.entity';
import { ClassroomService } from './classroom.service';
import { ClassroomsController } from './classrooms.controller';
import { AiClub } from './clubs/ai-club.entity';
import { ClubsService } from './clubs/clubs.service';
import { EquipmentItem } from './equipment/equipment-item.entity';
import { EquipmentService } from './equipment/equipment.service';
import { ClassroomExportBuilder } from './export/classroom-export.builder';
import { ClassroomExportJob } from './export/classroom-export.job';
import { ClassroomStatsService } from './stats/classroom-stats.service';

@Module({
  imports: [TypeOrmModule.forFeature([Classroom, EquipmentItem, AiClub])],
  controllers: [ClassroomsController],
  providers: [ClassroomService, EquipmentService, ClubsService, ClassroomStatsService],
  exports: [ClassroomService, ClassroomStatsService],
})
export class ClassroomsModule {}

/** The classroom module's background work, loaded by the worker only. */
@Module({
  providers: [ClassroomExportBuilder, ClassroomExportJob],
})
export class ClassroomsJobsModule {}
