import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, AppError, AuthService, ConfigError, CoreModule, ensureDatabase, nestLogger, Role, runMigrations } from '@app/core';
import { ClassroomsModule } from '@app/classrooms';
import { ConsentModule } from '@app/consent';
import { DesignationsModule } from '@app/designations';
import { LiteracyModule } from '@app/literacy';
import { SurveysModule } from '@app/surveys';
import { BadgeKeys, TrainingModule } from '@app/training';
import { DEMO_PASSWORD, seedDemo } from './demo-seed';

const USAGE = `Usage: npm run cli -- <command> [options]

  db:migrate                          create the database if missing and apply migrations
  db:seed-demo                        demo accounts and records (idempotent)
  users:create --email E --password P --role R [--school-id ID] [--district-office CODE] [--name N]
  users:list
  users:set-password --email E --password P
  users:disable --email E
  users:enable --email E
  badges:rotate-key                   retire the badge signing key; new badges get a new one

Roles: city_admin, district_admin (needs --district-office), principal and teacher (need --school-id).`;

async function withContext<T>(config: AppConfig, fn: (app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>) => Promise<T>): Promise<T> {
  const app = await NestFactory.createApplicationContext(
    { module: class CliModule {}, imports: [CoreModule.forRoot(config), ClassroomsModule, DesignationsModule, TrainingModule, SurveysModule, LiteracyModule, ConsentModule] },
    { logger: nestLogger(Object.assign(Object.create(AppConfig.prototype), config, { logLevel: 'warn' })) },
  );
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' }, password: { type: 'string' }, role: { type: 'string' },
      'school-id': { type: 'string' }, 'district-office': { type: 'string' }, name: { type: 'string' },
    },
    strict: true,
  });
  const config = AppConfig.load();
  // Migrations log through Nest's static Logger (e.g. the seed's duplicate-name warning): keep it structured.
  const logger = nestLogger(config);
  if (logger) Logger.overrideLogger(logger);
  switch (command) {
    case 'db:migrate': {
      const created = await ensureDatabase(config.databaseUrl);
      const applied = await runMigrations(config.databaseUrl);
      console.log(`${created ? 'created database; ' : ''}applied ${applied.length} migration(s)${applied.length ? ': ' + applied.join(', ') : ''}`);
      return 0;
    }
    case 'db:seed-demo':
      return withContext(config, async (app) => {
        const accounts = await seedDemo(app);
        console.log(`demo accounts (password ${DEMO_PASSWORD}):`);
        for (const a of accounts) console.log(`  ${a.role.padEnd(15)} ${a.email.padEnd(24)} ${a.scope}`);
        return 0;
      });
    case 'users:create':
      return withContext(config, async (app) => {
        const user = await app.get(AuthService).createUser({
          email: values.email ?? '', password: values.password ?? '', role: values.role as Role,
          schoolId: values['school-id'] ? Number(values['school-id']) : null,
          districtOffice: values['district-office'] ?? null, displayName: values.name,
        });
        console.log(JSON.stringify(user));
        return 0;
      });
    case 'users:list':
      return withContext(config, async (app) => {
        console.table(await app.get(AuthService).listUsers());
        return 0;
      });
    case 'users:set-password':
      return withContext(config, async (app) => report(await app.get(AuthService).setPassword(values.email ?? '', values.password ?? ''), values.email));
    case 'users:disable':
    case 'users:enable':
      return withContext(config, async (app) => report(await app.get(AuthService).setActive(values.email ?? '', command === 'users:enable'), values.email));
    case 'badges:rotate-key':
      return withContext(config, async (app) => {
        console.log(`active badge signing key: ${await app.get(BadgeKeys).rotate()}`);
        return 0;
      });
    default:
      console.error(USAGE);
      return command ? 2 : 0;
  }
}

function report(found: boolean, email?: string): number {
  console.log(found ? `updated ${email}` : `no user ${email}`);
  return found ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    if (e instanceof ConfigError) console.error(e.message);
    else if (e instanceof AppError) console.error(`${e.code}: ${e.message}${e.details.length ? '\n' + JSON.stringify(e.details, null, 2) : ''}`);
    else console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
