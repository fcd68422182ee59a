export * from './district-office';
export * from './school.entity';
export * from './school-level';
export * from './schools.module';
export * from './schools.service';
