import type { Actor } from '../access.js';
import type { Work } from '../work.js';

/**
 * Who may read an uploaded file: whoever may read a record it is attached to; until it is
 * attached anywhere, only the person who uploaded it. Each module that attaches files to its
 * records says so here (one holder per kind of record), with its own visibility rule, so a photo
 * is never more visible than the hazard, warning answer or case comment it belongs to.
 */
export type FileHolding = 'none' | 'hidden' | 'readable';
export type FileHolder = (w: Work, actor: Actor, fileId: string) => Promise<FileHolding>;

export class FileAccess {
  private readonly holders = new Map<string, FileHolder>();

  register(kind: string, holder: FileHolder): void {
    if (this.holders.has(kind)) throw new Error(`file holder ${kind} registered twice`);
    this.holders.set(kind, holder);
  }

  async mayRead(w: Work, actor: Actor, file: { id: string; created_by: string | null }): Promise<boolean> {
    let attached = false;
    for (const holder of this.holders.values()) {
      const h = await holder(w, actor, file.id);
      if (h === 'readable') return true;
      if (h === 'hidden') attached = true;
    }
    return !attached && !!actor.userId && file.created_by === actor.userId;
  }
}

/** The records of one kind that hold a file, and whether the actor may read any of them. */
export async function holding<R>(rows: R[], mayRead: (row: R) => boolean | Promise<boolean>): Promise<FileHolding> {
  if (!rows.length) return 'none';
  for (const r of rows) if (await mayRead(r)) return 'readable';
  return 'hidden';
}
