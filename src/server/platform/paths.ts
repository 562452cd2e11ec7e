import { fileURLToPath } from 'node:url';

/**
 * Where the server finds what ships beside its code. The compiled server (dist/server, made by
 * scripts/build-server.mjs) keeps every migration in dist/server/migrations and serves dist/web
 * next to it; run from the TypeScript sources (tests, `npm run dev`) each module reads its own
 * migrations folder. Nothing else may assume where a source file lies.
 */
declare const __ZHIAN_BUILD__: { version: string } | undefined;

export const BUILD: { version: string } | null = typeof __ZHIAN_BUILD__ !== 'undefined' ? __ZHIAN_BUILD__ : null;

/** Every migration of the platform and all modules, copied there by the build (compiled server only). */
export const BUILT_MIGRATIONS: string | null = BUILD ? fileURLToPath(new URL('./migrations', import.meta.url)) : null;

/** The built web app. */
export const WEB_DIST: string = BUILD ? fileURLToPath(new URL('../web', import.meta.url)) : fileURLToPath(new URL('../../../dist/web', import.meta.url));
