import type { DataSource } from 'typeorm';
import { HttpClient } from './http-client';

export interface CodedSchool {
  id: number;
  code: string;
  name: string;
  office: string;
}

/**
 * Three schools of 강남서초 and one of another office, given NEIS codes (the registry's 284 schools
 * carry none until the NEIS list is imported). Codes are in a 999xxxx range no real school uses.
 */
export async function codedSchools(db: DataSource): Promise<{ a: CodedSchool; b: CodedSchool; c: CodedSchool; elsewhere: CodedSchool }> {
  const rows: { id: number; name: string; office: string }[] = await db.query(
    `(SELECT s.id, s.name, d.office_code AS office FROM schools s JOIN districts d ON d.name = s.district WHERE d.office_code = 'gangnam-seocho' ORDER BY s.id LIMIT 3)
     UNION ALL
     (SELECT s.id, s.name, d.office_code FROM schools s JOIN districts d ON d.name = s.district WHERE d.office_code = 'dongbu' ORDER BY s.id LIMIT 1)`,
  );
  const coded = rows.map((r, i) => ({ ...r, code: String(9990001 + i) }));
  for (const s of coded) await db.query(`UPDATE schools SET neis_code = $2 WHERE id = $1`, [s.id, s.code]);
  const [a, b, c, elsewhere] = coded;
  return { a, b, c, elsewhere };
}

/** The token of an activation or reset link. */
export function linkToken(url: string): string {
  const token = new URL(url).searchParams.get('token');
  if (!token) throw new Error(`no token in ${url}`);
  return token;
}

/** Activates an account from its link and returns a client signed in as its holder. */
export async function activate(baseUrl: string, url: string, password: string): Promise<HttpClient> {
  const client = new HttpClient(baseUrl);
  const res = await client.post('/api/v1/auth/activate', { token: linkToken(url), password });
  if (res.status !== 200) throw new Error(`activation failed: ${res.status} ${JSON.stringify(res.body)}`);
  client.token = res.body.accessToken;
  return client;
}

export const rosterCsv = (rows: string[][], header = 'neis_school_code,teacher_number,name,email,role') => [header, ...rows.map((r) => r.join(','))].join('\n') + '\n';
