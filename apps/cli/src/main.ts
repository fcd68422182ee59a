import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AccountsModule, UsersService } from '@app/accounts';
import { AppConfig, AppError, ConfigError, CoreModule, ensureDatabase, nestLogger, Role, runMigrations } from '@app/core';
import { readPassword } from './read-password';
import { ClassroomsModule } from '@app/classrooms';
import { ConsentModule } from '@app/consent';
import { PrivacyModule } from '@app/privacy';
import { PlansModule } from '@app/plans';
import { DesignationsModule } from '@app/designations';
import { LiteracyModule } from '@app/literacy';
import { SurveysModule } from '@app/surveys';
import { BadgeKeys, TrainingModule } from '@app/training';
import { DEMO_PASSWORD, seedDemo } from './demo-seed';
import { seedDemoPlans } from './demo-plans';
import { importAttachmentDir } from './files-import';
import { verifyAccessLog } from './privacy-verify';

const USAGE = `Usage: npm run cli -- <command> [options]

  db:migrate                          create the database if missing and apply migrations
  db:seed-demo                        demo accounts and records (idempotent)
  users:create --email E --role R [--school-code NEIS | --school-id ID] [--district-office CODE]
               [--name N] [--teacher-number T] [--password-stdin | --prompt-password]
                                      without a password option, prints a one-time activation link
  users:list
  users:set-password --email E [--password-stdin]   (asks for it at the terminal otherwise)
  users:disable --email E
  users:enable --email E
  badges:rotate-key                   retire the badge signing key; new badges get a new one
  privacy:verify-access-log           check the access log's hash chain; exits 1 when a record was deleted or edited
  files:import-dir                    copy the attachments under ATTACHMENT_DIR into the database (before FILE_STORE=dir → postgres);
                                      checked against their sha256, repeatable; exits 1 when a file is missing or differs

Roles: city_admin, district_admin (needs --district-office), principal and teacher (need --school-code
or --school-id). Passwords are never taken on the command line (it ends up in the shell history).`;

async function withContext<T>(config: AppConfig, fn: (app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>) => Promise<T>): Promise<T> {
  const app = await NestFactory.createApplicationContext(
    { module: class CliModule {}, imports: [CoreModule.forRoot(config), AccountsModule, ClassroomsModule, DesignationsModule, TrainingModule, SurveysModule, LiteracyModule, ConsentModule, PrivacyModule, PlansModule] },
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
      email: { type: 'string' }, role: { type: 'string' }, 'school-id': { type: 'string' }, 'school-code': { type: 'string' },
      'district-office': { type: 'string' }, name: { type: 'string' }, 'teacher-number': { type: 'string' },
      'password-stdin': { type: 'boolean' }, 'prompt-password': { type: 'boolean' },
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
      const applied = await runMigrations(config.databaseUrl, config.appDatabasePassword);
      console.log(`${created ? 'created database; ' : ''}applied ${applied.length} migration(s)${applied.length ? ': ' + applied.join(', ') : ''}`);
      return 0;
    }
    case 'db:seed-demo':
      return withContext(config, async (app) => {
        const { accounts, activationUrl } = await seedDemo(app);
        await seedDemoPlans(app);
        console.log(`demo accounts (password ${DEMO_PASSWORD}):`);
        for (const a of accounts) console.log(`  ${a.role.padEnd(15)} ${a.email.padEnd(24)} ${a.scope}`);
        if (activationUrl) console.log(`a teacher waiting for activation (김하늘, 서울개포초등학교): ${activationUrl}`);
        return 0;
      });
    case 'users:create': {
      const password = values['password-stdin'] || values['prompt-password'] ? await readPassword(Boolean(values['password-stdin'])) : undefined;
      return withContext(config, async (app) => {
        const { user, activation } = await app.get(UsersService).createSystem({
          email: values.email ?? '', password, role: values.role as Role,
          schoolId: values['school-id'] ? Number(values['school-id']) : undefined,
          schoolCode: values['school-code'],
          districtOffice: values['district-office'] ?? null, displayName: values.name, teacherNumber: values['teacher-number'] ?? null,
        });
        console.log(JSON.stringify(user));
        if (activation) console.log(`activation link (one-time, until ${activation.expiresAt}): ${activation.url}`);
        return 0;
      });
    }
    case 'users:list':
      return withContext(config, async (app) => {
        console.table(await app.get(UsersService).all(SYSTEM, {}));
        return 0;
      });
    case 'users:set-password': {
      const password = await readPassword(Boolean(values['password-stdin']));
      return withContext(config, async (app) => report(await app.get(UsersService).setPasswordSystem(values.email ?? '', password), values.email));
    }
    case 'users:disable':
    case 'users:enable':
      return withContext(config, async (app) => report(await app.get(UsersService).setStatusSystem(values.email ?? '', command === 'users:enable' ? 'active' : 'disabled'), values.email));
    case 'badges:rotate-key':
      return withContext(config, async (app) => {
        console.log(`active badge signing key: ${await app.get(BadgeKeys).rotate()}`);
        return 0;
      });
    case 'privacy:verify-access-log':
      return withContext(config, (app) => verifyAccessLog(app));
    case 'files:import-dir':
      return withContext(config, (app) => importAttachmentDir(app, config.attachmentDir));
    default:
      console.error(USAGE);
      return command ? 2 : 0;
  }
}

/** The CLI acts with a server shell, beyond delegated administration: it sees every account. */
const SYSTEM = { id: '00000000-0000-0000-0000-000000000000', email: 'cli', role: 'city_admin', schoolId: null, districtOffice: null, displayName: 'CLI' } as const;

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
