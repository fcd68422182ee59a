import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config';
import { dataSourceOptions } from './data-source-options';
import { ReadReplica } from './read-replica';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      // A few quick retries, then fail: a supervisor (compose, systemd) restarts us with a clear error in the log.
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.appDatabaseUrl, config.dbPoolSize, config.replicaDatabaseUrl),
        autoLoadEntities: true,
        retryAttempts: 3,
        retryDelay: 1000,
      }),
    }),
  ],
  providers: [ReadReplica],
  exports: [ReadReplica],
})
export class DatabaseModule {}
