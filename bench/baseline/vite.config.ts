import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The baseline app for tools/bench: same toolchain and build target as the app, nothing else. */
export default defineConfig({
  root: __dirname,
  publicDir: false,
  plugins: [react()],
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 4000,
  },
});
