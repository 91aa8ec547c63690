import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';

const rootDir = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('../renderer', import.meta.url)),
  // Relative asset URLs work under both app://radground/ and http://127.0.0.1:<port>/.
  base: './',
  plugins: [vue()],
  build: {
    outDir: `${rootDir}/dist/renderer`,
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
  },
});
