import { z } from 'zod';
import { defineModule } from '../../platform/module.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { OrgStore } from './store.js';

/**
 * Organisation reference data every form needs: departments, areas, equipment.
 * Read-only through the API for now; maintained by seed, import and later admin pages.
 */
export const orgModule = defineModule({
  name: 'org',
  register(p, api) {
    const store = new OrgStore();
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
