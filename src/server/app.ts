import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import websocket from '@fastify/websocket';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { loadConfig, type Config } from './platform/config.js';
import { buildPlatform, startWorkers, type Platform } from './platform/platform.js';
import { installErrorHandling, errorBody } from './platform/http/errors.js';
import { AppError } from './platform/errors.js';
import { installAuth, sameOrigin } from './platform/http/auth-hook.js';
import { installSecurityHeaders } from './platform/http/security-headers.js';
import { installTextGuard } from './platform/http/text-guard.js';
import { AuthService } from './platform/auth/service.js';
import { authRoutes } from './platform/auth/routes.js';
import { tokenRoutes } from './platform/auth/tokens.js';
import { fileRoutes } from './platform/files/routes.js';
import type { Clock } from './platform/clock.js';
import type { Database } from './platform/db/database.js';
import type { Api, ModuleDefinition } from './platform/module.js';
import { MODULES } from './modules/index.js';
import { WEB_DIST } from './platform/paths.js';


export interface BuildOptions {
  config?: Partial<Config>;
  logger?: FastifyServerOptions['logger'];
  database?: Database;
  inMemory?: boolean;
  clock?: Clock;
  modules?: ModuleDefinition[];
}

export interface BuiltApp {
  app: FastifyInstance;
  platform: Platform;
  close(): Promise<void>;
}

/** The whole server: platform first, then every module. Tests build it with app.inject. */
export async function buildApp(options: BuildOptions = {}): Promise<BuiltApp> {
  const config = loadConfig(process.env, options.config);
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    bodyLimit: 1024 * 1024,
    trustProxy: process.env.TRUST_PROXY === '1',
    // One logger for all requests instead of a child per request, and no request lines at `info`
    // (they would bury the start-up banner): one line per request at `debug` (below), and errors
    // carry the request id explicitly (http/errors.ts).
    childLoggerFactory: (logger) => logger,
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<ZodTypeProvider>();
  if (['debug', 'trace'].includes(app.log.level)) {
    app.addHook('onResponse', async (request, reply) => {
      app.log.debug({ reqId: request.id, method: request.method, url: request.url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
    });
  }
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON and multipart only: a text/plain body is an unsupported type, not a string to validate
  app.removeContentTypeParser('text/plain');

  const modules = options.modules ?? MODULES;
  const platform = await buildPlatform({
    config,
    log: app.log,
    modules,
    clock: options.clock,
    database: options.database,
    inMemory: options.inMemory,
  });

  installSecurityHeaders(app);
  installTextGuard(app);
  await app.register(swagger, {
    openapi: {
      info: { title: '智安 Zhi’an API', version: config.version, description: 'Smart safety management. Errors: { error: { code, message, details[] } }.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'zhian_sid' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/v1/docs', staticCSP: true });
  // Every denial is audited (who tried what), in the caller's tenant when the caller is known.
  installErrorHandling(app, async (request, err) => {
    if (!request.actor) return;
    await platform.run(request.actor, async (w) =>
      w.audit({ action: 'access.denied', entityType: 'route', entityId: `${request.method} ${request.routeOptions.url ?? request.url}`, basis: `${err.code}: ${err.message}` }),
    );
  });

  const auth = new AuthService(platform);
  // an ended session (logout, disabled account, password reset) closes its WebSockets on every server
  auth.onSessionsChanged = (what) => platform.realtime.endSessions(what);
  installAuth(app, auth, config.publicOrigins);

  await app.register(
    async (api: Api) => {
      api.get(
        '/health',
        {
          config: { public: true },
          schema: {
            tags: ['platform'],
            // no response schema: this is the load balancer's hot path; the shape is stable
            summary: 'Liveness and database kind: { status: "ok", db: "pglite" | "postgres", version }',
          },
        },
        async () => ({ status: 'ok' as const, db: platform.database.kind, version: config.version }),
      );
      api.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
      for (const m of modules) await m.register(platform, api);
      tokenRoutes(api, platform);
    },
    { prefix: '/api/v1' },
  );
  // Cookie, multipart and WebSocket plugins add hooks to every request of their context: each
  // lives in its own context with the routes that need it.
  await app.register(
    async (session: Api) => {
      await session.register(cookie, { hook: false });
      authRoutes(session, platform, auth);
    },
    { prefix: '/api/v1' },
  );
  await app.register(
    async (uploads: Api) => {
      await uploads.register(multipart, { limits: { fileSize: config.maxUploadBytes, files: 1, fields: 10, parts: 12 } });
      fileRoutes(uploads, platform);
    },
    { prefix: '/api/v1' },
  );
  await app.register(
    async (sockets: Api) => {
      await sockets.register(websocket, { options: { maxPayload: 64 * 1024 } });
      sockets.get(
        '/ws',
        {
          websocket: true,
          schema: { hide: true },
          // Browsers do not apply CORS to sockets: check the Origin before the upgrade.
          preValidation: async (request) => {
            const origin = request.headers.origin;
            if (origin && !sameOrigin(request, config.publicOrigins)) {
              throw new AppError('ORIGIN_REJECTED', 'WebSocket connections must come from this site');
            }
          },
        },
        (socket, request) => platform.realtime.add(socket, request.actor!),
      );
    },
    { prefix: '/api/v1' },
  );

  const serveWeb = existsSync(path.join(WEB_DIST, 'index.html'));
  if (serveWeb) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    // the web app's own routes (/hazards/…) fall back to index.html; unknown /api paths stay 404
    if (serveWeb && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.status(404).send(errorBody('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`));
  });

  let stopWorkers: (() => Promise<void>) | undefined;
  let stopSessions: (() => Promise<void>) | undefined;
  app.addHook('onReady', async () => {
    stopSessions = await auth.listen();
    stopWorkers = await startWorkers(platform);
  });
  app.addHook('onClose', async () => {
    await stopWorkers?.();
    await stopSessions?.();
  });

  return {
    app,
    platform,
    async close() {
      await app.close();
      if (!options.database) await platform.database.close();
    },
  };
}
