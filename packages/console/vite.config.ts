// Builds the console into dist/, which the bridge serves at / (packages/bridge/src/server/home-page-route.ts).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  // `npm run dev --workspace @procountor-bridge/console` against a bridge on :8080.
  server: { proxy: { '/v1': 'http://127.0.0.1:8080' } },
});
