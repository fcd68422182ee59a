export * from './classroom.entity';
export * from './classroom.service';
export * from './classrooms.module';
export * from './stats/classroom-stats.service';
export * from './clubs/clubs.service';
export * from './equipment/equipment.service';
