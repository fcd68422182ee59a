export * from './classroom.entity';
export * from './classroom.service';
export * from './classrooms.module';
export * from './stats/classroom-stats.service';
