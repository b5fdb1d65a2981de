import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The renderer build. Relative asset URLs (`base: './'`) because Electron loads the page from
 * a file:// path and the preview server serves it from its root.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // Loaded from disk (or loopback in preview), never over a network: one chunk is fine.
    chunkSizeWarningLimit: 2048,
  },
});
