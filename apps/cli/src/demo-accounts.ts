import { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UsersService } from '@app/accounts';

/**
 * NEIS codes for the demo's schools of 강남서초 (the registry's 284 schools carry none until the NEIS
 * list is imported), so rosters and accounts can name schools the way files do. The codes are in a
 * 999xxxx range that no real school uses, given only to schools without a code.
 */
export const DEMO_NEIS_CODES: [name: string, code: string][] = [
  ['서울개포초등학교', '9990001'],
  ['서울도성초등학교', '9990002'],
  ['서울논현초등학교', '9990003'],
];

/** A teacher on the training rolls with no account yet, given one waiting for activation. */
export const DEMO_PENDING = { email: 'haneul.kim@gaepo.es.kr', name: '김하늘', teacherNumber: 'T-DEMO-2' };

export async function seedDemoAccounts(app: INestApplicationContext): Promise<{ activationUrl?: string }> {
  const ds = app.get<DataSource>(getDataSourceToken());
  for (const [name, code] of DEMO_NEIS_CODES) {
    await ds.query(`UPDATE schools SET neis_code = $2 WHERE id = (SELECT min(id) FROM schools WHERE name = $1) AND neis_code IS NULL
                    AND NOT EXISTS (SELECT 1 FROM schools WHERE neis_code = $2)`, [name, code]);
  }
  // The demo teacher's completions are filed under this teacher number.
  await ds.query(`UPDATE users SET teacher_number = 'T-DEMO-1' WHERE email = 'teacher@gaepo.es.kr' AND teacher_number IS NULL`);
  const [existing] = await ds.query(`SELECT 1 FROM users WHERE email = $1`, [DEMO_PENDING.email]);
  if (existing) return {};
  const { activation } = await app.get(UsersService).createSystem({
    email: DEMO_PENDING.email, role: 'teacher', schoolCode: DEMO_NEIS_CODES[0][1], displayName: DEMO_PENDING.name, teacherNumber: DEMO_PENDING.teacherNumber,
  });
  return { activationUrl: activation?.url };
}
