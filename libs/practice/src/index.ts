export * from './practice.module';
export * from './practice-terms';
export * from './cases/cases.service';
export * from './communities/communities.service';
export * from './commendations/commendations.service';
