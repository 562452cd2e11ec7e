import { sql } from 'kysely';
import type { Platform } from '../../platform/platform.js';
import type { Work } from '../../platform/work.js';
import { CaseService } from '../flows/cases.js';
import { TemplateService } from '../flows/templates.js';
import { FlowStore } from '../flows/store.js';

/**
 * A linkage rule naming a process template launches it for the warning (subject type 'warning',
 * or none if the template takes no warning) inside the same unit of work. A template that cannot
 * be launched here (e.g. this organisation lacks one of its departments) must not lose the
 * warning: the attempt runs in a savepoint and a refusal is returned, not thrown.
 */
export class WarningFlows {
  private readonly templates: TemplateService;
  private readonly cases: CaseService;
  private readonly store = new FlowStore();

  constructor(p: Platform) {
    this.templates = new TemplateService(p);
    this.cases = new CaseService(p, this.templates);
  }

  async launch(w: Work, key: string, warning: { id: string; headline: string }): Promise<{ id: string } | { error: string }> {
    await sql`SAVEPOINT warning_flow`.execute(w.tx);
    try {
      await this.templates.ensureBuiltins(w);
      const tpl = (await this.store.latestTemplates(w.tx)).find((t) => t.key === key && t.active);
      if (!tpl) throw new Error(`no active process template ${key}`);
      const forWarning = tpl.subject_types.includes('warning');
      const launched = await this.cases.launchInWork(w, w.actor, {
        templateId: tpl.id,
        title: `预警联动：${warning.headline}`.slice(0, 200),
        subjectType: forWarning ? 'warning' : 'none',
        ...(forWarning ? { subjectId: warning.id } : {}),
      });
      await sql`RELEASE SAVEPOINT warning_flow`.execute(w.tx);
      return { id: launched.id };
    } catch (err) {
      await sql`ROLLBACK TO SAVEPOINT warning_flow`.execute(w.tx);
      return { error: (err as Error).message };
    }
  }
}
