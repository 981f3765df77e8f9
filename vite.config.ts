import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { xrProfiles } from './tools/vite-xr-profiles';

export default defineConfig({
  plugins: [react(), xrProfiles()],
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
  },
  server: { host: '127.0.0.1' },
});
