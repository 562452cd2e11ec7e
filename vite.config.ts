import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * A module's `locales.ts` holds both languages (zh-CN first, en-US beside it). Imported as one
 * module by both language files, it would land in a chunk shared by both, so a Chinese start would
 * download the English texts too. Each language file gets its own copy of the module instead
 * (`?lang=…`), from which tree shaking keeps only that language's export.
 */
function oneLanguagePerChunk(): Plugin {
  const languageFile = /[\\/]platform[\\/]i18n[\\/]locales[\\/](zh-CN|en-US)\.ts$/;
  return {
    name: 'zhian-one-language-per-chunk',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const lang = importer && languageFile.exec(importer)?.[1];
      if (!lang || !/[\\/]modules[\\/].+[\\/]locales[^\\/]*$/.test(source)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved && { ...resolved, id: `${resolved.id}?lang=${lang}` };
    },
  };
}

// The web app: index.html at the repo root loads /src/web/main.tsx; the server serves dist/web
// with an SPA fallback. No inline scripts or external assets (the server's CSP forbids them).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [oneLanguagePerChunk(), react()],
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Rarely changing framework code, cached across releases. React alone is what the
            // login screen needs (src/web/main.tsx); the router and the rest come with the app.
            { name: 'vendor-react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 30 },
            { name: 'vendor-router', test: /node_modules[\\/](react-router|react-router-dom|cookie|set-cookie-parser)[\\/]/, priority: 28 },
            { name: 'vendor-data', test: /node_modules[\\/](@tanstack|i18next|react-i18next|html-parse-stringify|void-elements)[\\/]/, priority: 25 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false, ws: true },
    },
  },
});
