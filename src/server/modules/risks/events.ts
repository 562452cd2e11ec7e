/** A risk point was created or changed (payload: { code }); every user of the tenant may hear of it. */
export const RISK_POINT_CHANGED = 'risk_point.changed';
/** The site plan or an area outline changed: risk maps reload. */
export const RISK_MAP_CHANGED = 'risk_map.changed';
