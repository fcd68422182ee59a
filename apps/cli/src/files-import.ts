import { createHash } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DirectoryFileStore, FileStore, PostgresFileStore, StoredFileMissingError } from '@app/core';

/**
 * `files:import-dir`: copies the attachments kept under ATTACHMENT_DIR (FILE_STORE=dir) into the
 * PostgreSQL store, before a deployment switches to FILE_STORE=postgres. Each file is checked
 * against the sha256 recorded at upload; files already copied are skipped, so it can run again.
 * The directory is left as it was. Exits 1 when a file is missing or does not match.
 */
export async function importAttachmentDir(app: INestApplicationContext, dir: string, print: (line: string) => void = console.log): Promise<number> {
  const ds = app.get<DataSource>(getDataSourceToken());
  const from = new DirectoryFileStore(dir);
  const to = new PostgresFileStore(ds);
  const rows: { key: string; sha256: string }[] = await ds.query(
    `SELECT t.storage_key AS key, t.sha256 FROM designation_attachments t
     WHERE NOT EXISTS (SELECT 1 FROM file_objects o WHERE o.key = t.storage_key) ORDER BY t.id`,
  );
  let copied = 0;
  const problems: string[] = [];
  for (const { key, sha256 } of rows) {
    if (!FileStore.isValidKey(key)) {
      problems.push(`${key}: not a file key`);
      continue;
    }
    const content = await from.get(key).catch((e) => {
      if (e instanceof StoredFileMissingError) return undefined;
      throw e;
    });
    if (!content) problems.push(`${key}: not in ${dir}`);
    else if (createHash('sha256').update(content).digest('hex') !== sha256) problems.push(`${key}: content differs from what was uploaded (sha256)`);
    else {
      await to.put(key, content);
      copied++;
    }
  }
  print(`copied ${copied} attachment file(s) from ${dir} into the database; ${rows.length - copied} not copied`);
  for (const p of problems) print(`  ${p}`);
  return problems.length ? 1 : 0;
}
