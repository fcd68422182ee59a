import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppConfig, ConfigError, nestLogger, stopOnSignals } from '@app/core';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = AppConfig.load();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: nestLogger(config), abortOnError: false });
  stopOnSignals(app, 'worker');
  console.log(JSON.stringify({ level: 'info', msg: 'worker started', queuePrefix: config.queuePrefix }));
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
