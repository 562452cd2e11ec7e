import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from './platform.js';

export type Api = FastifyInstance<any, any, any, any, ZodTypeProvider>;

/**
 * What a module adds to the system: its tables (migrations folder), and in `register` its
 * routes, event handlers, jobs and real-time audiences. The one place that lists modules is
 * server/modules/index.ts.
 */
export interface ModuleDefinition {
  name: string;
  migrations?: string;
  register(platform: Platform, api: Api): void | Promise<void>;
}

export function defineModule(m: ModuleDefinition): ModuleDefinition {
  return m;
}
