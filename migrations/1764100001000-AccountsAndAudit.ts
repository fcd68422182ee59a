import { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountsAndAudit1764100001000 implements MigrationInterface {
  name = 'AccountsAndAudit1764100001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(btrim(email)) AND email LIKE '%_@_%'),
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('city_admin', 'district_admin', 'principal', 'teacher')),
        school_id int REFERENCES schools(id),
        district_office_code text REFERENCES district_offices(code),
        display_name text NOT NULL DEFAULT '',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_school_matches_role CHECK ((role IN ('principal', 'teacher')) = (school_id IS NOT NULL)),
        CONSTRAINT users_office_matches_role CHECK ((role = 'district_admin') = (district_office_code IS NOT NULL))
      );
      CREATE UNIQUE INDEX users_email_key ON users (email);
      CREATE INDEX users_school_id_idx ON users (school_id);

      CREATE TABLE login_attempts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        email text NOT NULL,
        ip text,
        user_id uuid REFERENCES users(id),
        outcome text NOT NULL CHECK (outcome IN ('success', 'bad_credentials', 'inactive', 'rate_limited'))
      );
      CREATE INDEX login_attempts_email_at_idx ON login_attempts (email, at DESC);

      -- Who changed what, when: the history of every audited object. Rows are never updated or deleted.
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid REFERENCES users(id),
        actor_role text,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        school_id int REFERENCES schools(id),
        before jsonb,
        after jsonb,
        request_id text
      );
      CREATE INDEX audit_log_school_idx ON audit_log (school_id, id DESC);
      CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, id DESC);
      CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();

      -- Files built by background jobs; kept in the database so api and worker need no shared disk.
      CREATE TABLE stored_files (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        filename text NOT NULL,
        content_type text NOT NULL,
        byte_size int NOT NULL,
        content bytea NOT NULL,
        owner_id uuid REFERENCES users(id),
        job_id text UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE stored_files; DROP TRIGGER audit_log_no_update ON audit_log; DROP TABLE audit_log;
      DROP FUNCTION audit_log_is_append_only(); DROP TABLE login_attempts; DROP TABLE users;
    `);
  }
}
