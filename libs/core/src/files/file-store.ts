import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { DataSource, EntityManager } from 'typeorm';

/** A key names one file: letters, digits, `_`, `-` and single dots between them (`3f2a….pdf`); never a path. */
const KEY = /^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/;

/** Raised by get and stream for a key nothing is stored under. */
export class StoredFileMissingError extends Error {
  constructor(readonly key: string) {
    super(`no file is stored under ${key}`);
  }
}

export type FileStoreDriver = 'postgres' | 'dir';

/**
 * Where uploaded files live, by key. Every api and worker process reaches the same files through
 * it; which driver is configured (FILE_STORE) is the only thing that differs:
 *
 * - `postgres` (default): bytea rows in `file_objects`, so a second api instance needs no shared
 *   disk; given a transaction (`tx`), a put or delete commits or rolls back with the rows that
 *   point at the file;
 * - `dir`: one file per key under ATTACHMENT_DIR (a volume every instance mounts); `tx` is ignored,
 *   so callers write before and delete before they commit, as they always did.
 */
export abstract class FileStore {
  abstract readonly driver: FileStoreDriver;

  static isValidKey(key: string): boolean {
    return key.length <= 200 && KEY.test(key);
  }

  protected static assertKey(key: string): void {
    if (!FileStore.isValidKey(key)) throw new Error(`bad file key ${JSON.stringify(key)}`);
  }

  /** Stores `content` under `key`, replacing what was there. */
  abstract put(key: string, content: Buffer, tx?: EntityManager): Promise<void>;

  /** The whole file; StoredFileMissingError when there is none. */
  abstract get(key: string, tx?: EntityManager): Promise<Buffer>;

  /** The file as a stream of chunks, for files too large to hold at once; StoredFileMissingError when there is none. */
  abstract stream(key: string): Promise<Readable>;

  /** Removes the file; false when there was none (deleting twice is not an error). */
  abstract delete(key: string, tx?: EntityManager): Promise<boolean>;
}

/** Files as rows of `file_objects` (key, size, bytea); read back in 1 MiB slices when streamed. */
export class PostgresFileStore extends FileStore {
  readonly driver = 'postgres';
  static readonly CHUNK = 1024 * 1024;

  constructor(private readonly ds: DataSource) {
    super();
  }

  async put(key: string, content: Buffer, tx: EntityManager = this.ds.manager): Promise<void> {
    FileStore.assertKey(key);
    await tx.query(
      `INSERT INTO file_objects (key, byte_size, content) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET byte_size = EXCLUDED.byte_size, content = EXCLUDED.content, created_at = now()`,
      [key, content.length, content],
    );
  }

  async get(key: string, tx: EntityManager = this.ds.manager): Promise<Buffer> {
    FileStore.assertKey(key);
    const [row] = await tx.query(`SELECT content FROM file_objects WHERE key = $1`, [key]);
    if (!row) throw new StoredFileMissingError(key);
    return row.content;
  }

  async stream(key: string): Promise<Readable> {
    FileStore.assertKey(key);
    const [row] = await this.ds.query(`SELECT byte_size FROM file_objects WHERE key = $1`, [key]);
    if (!row) throw new StoredFileMissingError(key);
    const size: number = row.byte_size;
    const ds = this.ds;
    // The column is stored uncompressed (migration FileObjects), so each slice reads only its own pages.
    async function* slices(): AsyncGenerator<Buffer> {
      for (let at = 0; at < size; at += PostgresFileStore.CHUNK) {
        const [part] = await ds.query(`SELECT substring(content FROM $2 FOR $3) AS part FROM file_objects WHERE key = $1`, [key, at + 1, PostgresFileStore.CHUNK]);
        if (!part) throw new StoredFileMissingError(key);
        yield part.part;
      }
    }
    return Readable.from(slices(), { objectMode: false });
  }

  async delete(key: string, tx: EntityManager = this.ds.manager): Promise<boolean> {
    FileStore.assertKey(key);
    const [{ n }] = await tx.query(`WITH d AS (DELETE FROM file_objects WHERE key = $1 RETURNING 1) SELECT count(*)::int AS n FROM d`, [key]);
    return n > 0;
  }
}

/**
 * Files on disk, one per key under `dir`. Written to a temporary name and renamed, so a crash never
 * leaves half a file under a real key.
 */
export class DirectoryFileStore extends FileStore {
  readonly driver = 'dir';

  constructor(readonly dir: string) {
    super();
  }

  async put(key: string, content: Buffer): Promise<void> {
    FileStore.assertKey(key);
    await mkdir(this.dir, { recursive: true });
    const tmp = join(this.dir, `.${key}.${randomBytes(4).toString('hex')}.part`);
    await writeFile(tmp, content);
    await rename(tmp, join(this.dir, key));
  }

  async get(key: string): Promise<Buffer> {
    FileStore.assertKey(key);
    return readFile(join(this.dir, key)).catch((e: NodeJS.ErrnoException) => {
      throw e.code === 'ENOENT' ? new StoredFileMissingError(key) : e;
    });
  }

  async stream(key: string): Promise<Readable> {
    FileStore.assertKey(key);
    const path = join(this.dir, key);
    await stat(path).catch((e: NodeJS.ErrnoException) => {
      throw e.code === 'ENOENT' ? new StoredFileMissingError(key) : e;
    });
    return createReadStream(path);
  }

  async delete(key: string): Promise<boolean> {
    FileStore.assertKey(key);
    return unlink(join(this.dir, key)).then(
      () => true,
      (e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return false;
        throw e;
      },
    );
  }
}
