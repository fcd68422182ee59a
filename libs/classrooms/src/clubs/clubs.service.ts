import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, AuthUser } from '@app/core';
import { ClassroomService } from '../classroom.service';
import { SchoolOwnedCrud } from '../school-owned-crud';
import { AiClub } from './ai-club.entity';
import { CreateClubDto, UpdateClubDto } from './club.dto';

@Injectable()
export class ClubsService {
  private readonly crud: SchoolOwnedCrud<AiClub>;

  constructor(@InjectDataSource() ds: DataSource, audit: AuditLog, classrooms: ClassroomService) {
    this.crud = new SchoolOwnedCrud(ds, audit, classrooms, AiClub, 'ai_club', {
      ai_clubs_name_key: { field: 'name', message: 'This school already has a club with this name in that school year' },
    });
  }

  list(schoolId: number) {
    return this.crud.list(schoolId, { schoolYear: 'DESC', name: 'ASC' });
  }

  create(schoolId: number, dto: CreateClubDto, actor: AuthUser) {
    return this.crud.create(schoolId, dto, actor);
  }

  update(schoolId: number, id: number, dto: UpdateClubDto, actor: AuthUser) {
    return this.crud.update(schoolId, id, dto, actor);
  }

  remove(schoolId: number, id: number, actor: AuthUser) {
    return this.crud.remove(schoolId, id, actor);
  }
}
