import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const TEXT = /\.(js|mjs|css|html|svg|json|txt|map|ico)$/;

/**
 * Writes `.br` and `.gz` beside every text file of the build (once, at the highest levels), so the
 * api serves them as they are instead of compressing each request (@fastify/static preCompressed).
 * The files go where the build went (also a `vite build --outDir …` of one's own).
 */
export function precompress(): Plugin {
  return {
    name: 'aiedu-precompress',
    apply: 'build',
    // After the files are written (not after a failed build), in the directory they went to.
    writeBundle: {
      sequential: true,
      order: 'post',
      handler({ dir }) {
        if (!dir) return;
        const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
        for (const file of walk(dir).filter((f) => TEXT.test(f))) {
          const body = readFileSync(file);
          if (body.length < 1024) continue;
          writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
          writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
        }
      },
    },
  };
}
