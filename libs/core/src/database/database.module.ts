import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config';
import { dataSourceOptions } from './data-source-options';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      // A few quick retries, then fail: a supervisor (compose, systemd) restarts us with a clear error in the log.
      useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config.appDatabaseUrl, config.dbPoolSize), autoLoadEntities: true, retryAttempts: 3, retryDelay: 1000 }),
    }),
  ],
})
export class DatabaseModule {}
