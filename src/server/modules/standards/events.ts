/** A new standards version was saved (subjectId: the version number). Everyone in the tenant may hear of it. */
export const STANDARDS_UPDATED = 'standards.updated';
/** A department mapping was created or changed (subjectId: the mapping id). */
export const MAPPING_CHANGED = 'standards.mapping_changed';
