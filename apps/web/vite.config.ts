import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { precompress } from './precompress';
import { PUBLIC_DOCUMENT_PATH } from './public-paths';

const root = dirname(fileURLToPath(import.meta.url));

/** In `vite dev`, the respondent and guardian links get their own document, as the api serves it (apps/api/src/web-ui.ts). */
function publicDocumentInDev(): Plugin {
  return {
    name: 'aiedu-public-document',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (req.url && PUBLIC_DOCUMENT_PATH.test(req.url.split('?')[0])) req.url = '/respond.html';
        next();
      });
    },
  };
}

// Vite 8 (Rolldown + Oxc) compiles TSX itself; only the automatic JSX runtime needs choosing.
export default defineConfig({
  root,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  plugins: [publicDocumentInDev(), precompress()],
  build: {
    outDir: resolve(root, 'dist'),
    emptyOutDir: true,
    // Two documents: the app, and the respondent/guardian page (src/publicEntry.tsx) a phone opens from paper.
    rolldownOptions: { input: { index: resolve(root, 'index.html'), respond: resolve(root, 'respond.html') } },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3100' },
  },
});
