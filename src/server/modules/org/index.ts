import { z } from 'zod';
import { defineModule } from '../../platform/module.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { OrgStore } from './store.js';
import { roleRoutes } from './roles.js';
import { checkSetupLink, createTenant, NewTenantSchema, releaseSetupLink, useSetupLink } from './setup.js';
import { SUGGESTED_DEPARTMENTS } from '../../../core/org/sectors.js';

/**
 * Organisation reference data every form needs: departments, areas, equipment.
 * Read-only through the API for now; maintained by seed, import and later admin pages.
 */
export const orgModule = defineModule({
  name: 'org',
  register(p, api) {
    const store = new OrgStore();
    roleRoutes(api, p);

    // First-run setup (public, with a one-time setup link): the wizard makes the organisation.
    api.get(
      '/setup',
      {
        config: { public: true },
        schema: { tags: ['org'], summary: 'Check a setup link; answers the suggested departments per sector', querystring: z.strictObject({ token: z.string().min(10).max(200) }) },
      },
      async (request) => {
        await checkSetupLink(p.database.db, p.clock, request.query.token);
        return { suggestedDepartments: SUGGESTED_DEPARTMENTS };
      },
    );
    api.post(
      '/setup',
      {
        config: { public: true },
        schema: {
          tags: ['org'],
          summary: 'Create the organisation, its departments and first administrator with a setup link (used up by it)',
          body: NewTenantSchema.extend({ token: z.string().min(10).max(200) }),
        },
      },
      async (request, reply) => {
        const { token, ...input } = request.body;
        await useSetupLink(p.database.db, p.clock, token);
        try {
          const created = await createTenant(p.database.db, p.clock, input);
          return reply.status(201).send({ tenant: created.code, username: created.adminUsername });
        } catch (err) {
          await releaseSetupLink(p.database.db, token); // a refused form may be corrected and sent again
          throw err;
        }
      },
    );
    api.get('/departments', { schema: { tags: ['org'], summary: 'Departments and committees' } }, async (request) => ({
      items: await p.run(actorOf(request), (w) => store.departments(w.tx)),
    }));
    api.get('/areas', { schema: { tags: ['org'], summary: 'Areas (workshops, warehouse, boiler room …)' } }, async (request) => ({
      items: await p.run(actorOf(request), (w) => store.areas(w.tx)),
    }));
    api.get(
      '/equipment',
      { schema: { tags: ['org'], summary: 'Equipment ledger, optionally of one area', querystring: z.strictObject({ areaId: z.uuid().optional() }) } },
      async (request) => ({ items: await p.run(actorOf(request), (w) => store.equipment(w.tx, request.query.areaId)) }),
    );
    api.get(
      '/users',
      {
        schema: {
          tags: ['org'],
          summary: 'Staff directory (names, departments, positions), optionally of one department',
          querystring: z.strictObject({ departmentId: z.uuid().optional() }),
        },
      },
      async (request) => ({ items: await p.run(actorOf(request), (w) => store.users(w.tx, request.query.departmentId)) }),
    );
  },
});
