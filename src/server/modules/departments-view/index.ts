import { z } from 'zod';
import { defineModule } from '../../platform/module.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { DepartmentsViewService } from './service.js';

/**
 * 各部门进展 (C1): one hazard record, every department's progress on it. A read model over the
 * hazards, repairs and qualifications modules; it owns no tables.
 */
export const departmentsViewModule = defineModule({
  name: 'departments-view',
  register(p, api) {
    const service = new DepartmentsViewService(p);
    api.get(
      '/hazards/:id/departments',
      {
        schema: {
          tags: ['hazards'],
          summary: "各部门进展: each department's role and progress on one hazard (reporter, safety, repair, qualification)",
          params: z.object({ id: z.uuid() }),
        },
      },
      async (request) => service.progress(actorOf(request), request.params.id),
    );
  },
});
