import 'reflect-metadata';
import { AppConfig, ConfigError, stopOnSignals } from '@app/core';
import { createApi } from './create-api';

async function main(): Promise<void> {
  const config = AppConfig.load();
  const app = await createApi(config);
  stopOnSignals(app, 'api');
  await app.listen({ port: config.port, host: '0.0.0.0' });
  if (config.tokenSecretGenerated) {
    console.warn(JSON.stringify({ level: 'warn', msg: 'TOKEN_SECRET not set: generated one for this process; tokens end when it stops' }));
  }
  console.log(JSON.stringify({ level: 'info', msg: 'api listening', url: `http://localhost:${config.port}/`, docs: `http://localhost:${config.port}/api/docs` }));
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
