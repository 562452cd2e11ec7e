import { requirePermission, type Actor } from '../../platform/access.js';
import type { Platform } from '../../platform/platform.js';
import { ConflictError } from '../../platform/errors.js';
import type { WorkCalendar } from '../../../core/flows/index.js';
import { FlowStore } from './store.js';
import { tenantCalendar } from './engine.js';

/** The tenant's working calendar (deadlines in working hours); changes apply to tasks created afterwards. */
export class CalendarService {
  readonly store = new FlowStore();
  constructor(private readonly p: Platform) {}

  get(actor: Actor) {
    return this.p.run(actor, (w) => tenantCalendar(w, this.store));
  }

  save(actor: Actor, version: number, calendar: WorkCalendar) {
    requirePermission(actor, 'flows.design');
    return this.p.run(actor, async (w) => {
      const ok = await this.store.saveCalendar(w.tx, w.tenantId, calendar, version, this.p.clock.now());
      if (!ok) throw new ConflictError('the calendar was changed by someone else; reload and try again', 'VERSION_CONFLICT', [{ path: 'body.version', message: 'stale' }]);
      w.audit({ action: 'flow_calendar.save', entityType: 'flow_calendar', entityId: null, after: calendar });
      return tenantCalendar(w, this.store);
    });
  }
}
