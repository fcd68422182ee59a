import { Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ScopeResolvers } from '@app/core';
import { SchoolsModule, SchoolsService } from '@app/schools';
import { ApplicationsService } from './applications.service';
import { APPLICATION, CallsController } from './calls.controller';
import { CallsService } from './calls.service';
import { DesignationExport } from './designation-export';
import { DesignationTermEndJob } from './designation-term-end.job';
import { DESIGNATION, DesignationsController } from './designations.controller';
import { DesignationsService } from './designations.service';
import { ReviewService } from './review.service';
import { SupportService } from './support.service';

const SERVICES = [CallsService, ApplicationsService, ReviewService, DesignationsService, SupportService, DesignationExport];

@Module({
  imports: [SchoolsModule],
  controllers: [CallsController, DesignationsController],
  providers: SERVICES,
  exports: [DesignationsService],
})
export class DesignationsModule implements OnModuleInit {
  constructor(
    private readonly resolvers: ScopeResolvers,
    private readonly applications: ApplicationsService,
    private readonly designations: DesignationsService,
    private readonly schools: SchoolsService,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  onModuleInit(): void {
    this.resolvers.register(APPLICATION, this.applications.schoolOf);
    this.resolvers.register(DESIGNATION, async (id) => (await this.ds.query(`SELECT school_id FROM designations WHERE id = $1`, [id]))[0]?.school_id);
    this.schools.registerDetail('designations', (schoolId) => this.designations.forSchool(schoolId));
  }
}

/** Background work of designations, for the worker. */
@Module({
  providers: [...SERVICES, DesignationTermEndJob],
})
export class DesignationsJobsModule {}
