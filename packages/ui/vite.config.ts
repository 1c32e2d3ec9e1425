import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The UI is built into dist/web and served by Skein's query port (16686); in development,
// `npx vite` in this folder proxies the APIs to a running Skein.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist/web', emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/api': 'http://127.0.0.1:16686' } },
});
