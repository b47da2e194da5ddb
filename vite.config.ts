import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'client',
  plugins: [react()],
  // `@model/x.js` is model/x.ts, as in tsconfig.base.json and vitest.config.ts.
  resolve: { alias: { '@model': fileURLToPath(new URL('./model', import.meta.url)) } },
  build: { outDir: '../dist/client', emptyOutDir: true },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
