import * as path from 'node:path';
import { defineConfig } from 'vite';

const WORKSPACE = path.resolve(import.meta.dirname, '../..');
const API = process.env.API_URL ?? 'http://127.0.0.1:3000';

/** The coordinator's console: built into dist/apps/console, which the API serves at `/`. */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  // `@escalade/domain` resolves to the library's sources through the tsconfig paths.
  resolve: { tsconfigPaths: true },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: path.join(WORKSPACE, 'dist/apps/console'), emptyOutDir: true },
  server: {
    port: 4200,
    proxy: Object.fromEntries(
      ['/auth', '/service-requests', '/eligibility', '/events', '/alerts', '/reports', '/health'].map((prefix) => [prefix, { target: API }]),
    ),
  },
});
