import { DynamicModule, Global, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from './audit';
import { AuthModule } from './auth/auth.module';
import { AppConfig, ConfigModule } from './config';
import { DatabaseModule } from './database';
import { AttachmentStorage, DirectoryFileStore, FileStore, PostgresFileStore, StoredFiles } from './files';
import { Notices } from './notices';
import { Metrics } from './ops/metrics.service';
import { QueueModule } from './queue';
import { RedisModule } from './redis';
import { AccessLog } from './privacy/access-log';

/** Everything a process needs before any feature: config, database, Redis, queues, accounts, audit, files, notices. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule, RedisModule, QueueModule, AuthModule],
      providers: [
        AuditLog, AccessLog, StoredFiles, AttachmentStorage, Notices, Metrics,
        {
          provide: FileStore,
          inject: [getDataSourceToken()],
          useFactory: (ds: DataSource): FileStore => (config.fileStore === 'dir' ? new DirectoryFileStore(config.attachmentDir) : new PostgresFileStore(ds)),
        },
      ],
      exports: [AuditLog, AccessLog, StoredFiles, FileStore, AttachmentStorage, Notices, Metrics, AuthModule, QueueModule],
    };
  }
}
