import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig, dataSourceOptions, Sealer } from '@app/core';
import { MIGRATIONS } from '@app/migrations';
import { SurveyCodeHash } from '@app/surveys/campaigns/code-batches.service';
import { migrationDb } from './support/migration-db';

/** Codes printed before the keyed hash keep working after the migration, and their plain hashes are gone. */
describe('migration SurveyAnonymity', () => {
  const { url, create, drop, migrate } = migrationDb('mig');

  beforeAll(create);
  afterAll(drop);

  it('re-keys the codes of printed batches and gives responses random ids', async () => {
    const at = MIGRATIONS.findIndex((m) => m.name === 'SurveyAnonymity1764800001000');
    await migrate(at);
    const secret = AppConfig.load().badgeKeySecret;
    const codes = ['ABCDE-23456', 'FGHJK-78923'];
    const raw = new DataSource(dataSourceOptions(url, 2));
    await raw.initialize();
    try {
      const [{ id: school }] = await raw.query(`SELECT id FROM schools ORDER BY id LIMIT 1`);
      // A campaign needs a template version; the smallest valid one.
      const [{ id: templateId }] = await raw.query(`INSERT INTO survey_templates (kind) VALUES ('satisfaction') RETURNING id`);
      const definition = { title: 't', sections: [{ id: 's', title: 's', questions: [{ id: 'q', text: 'q', required: true, type: 'likert5' }] }] };
      const [{ id: versionId }] = await raw.query(
        `INSERT INTO survey_template_versions (template_id, version, definition, fingerprint) VALUES ($1, 1, $2, 'x') RETURNING id`,
        [templateId, JSON.stringify(definition)],
      );
      const [{ id: campaignId }] = await raw.query(
        `INSERT INTO survey_campaigns (template_version_id, title, audience, opens_at, closes_at) VALUES ($1, 'c', 'parents', now() - interval '1 day', now() + interval '1 day') RETURNING id`,
        [versionId],
      );
      const [{ id: batchId }] = await raw.query(
        `INSERT INTO survey_code_batches (campaign_id, school_id, count, source, sealed_codes) VALUES ($1, $2, 2, 'principal', $3) RETURNING id`,
        [campaignId, school, new Sealer(secret, 'survey-code-sheets').seal(JSON.stringify(codes))],
      );
      const sha = (c: string) => createHash('sha256').update(c.replace(/-/g, '')).digest('hex');
      for (const c of codes) await raw.query(`INSERT INTO survey_codes (code_hash, campaign_id, school_id, batch_id) VALUES ($1, $2, $3, $4)`, [sha(c), campaignId, school, batchId]);
      await raw.query(`INSERT INTO survey_drafts (code_hash, answers) VALUES ($1, '{"q": 3}')`, [sha(codes[0])]);
      await raw.query(`INSERT INTO survey_responses (campaign_id, school_id, answers, idempotency_key) VALUES ($1, $2, '{"q": 4}', 'k')`, [campaignId, school]);
    } finally {
      await raw.destroy();
    }

    await migrate(MIGRATIONS.length);
    const after = new DataSource(dataSourceOptions(url, 2));
    await after.initialize();
    try {
      const keyed = new SurveyCodeHash(secret);
      const stored = (await after.query(`SELECT code_hash FROM survey_codes ORDER BY code_hash`)).map((r: { code_hash: string }) => r.code_hash);
      expect(stored.sort()).toEqual(codes.map((c) => keyed.hash(c)).sort());
      expect((await after.query(`SELECT code_hash FROM survey_drafts`))[0].code_hash).toBe(keyed.hash(codes[0]));
      const [response] = await after.query(`SELECT id::text FROM survey_responses`);
      expect(response.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    } finally {
      await after.destroy();
    }
  }, 60_000);
});
