import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { validatedScenes } from './tools/vite-scenes';
import { xrProfiles } from './tools/vite-xr-profiles';

export default defineConfig({
  plugins: [react(), xrProfiles(), validatedScenes()],
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
    // The app, and the small page a member's phone opens in a group screening (no three.js).
    rollupOptions: { input: { main: 'index.html', phone: 'phone.html' } },
  },
  server: { host: '127.0.0.1' },
});
