import { describe, expect, it } from 'vitest';
import { userActor } from '../../platform/access.js';
import { canAssessHazard, canEditHazard, canViewHazard, hazardVisibility } from './policies.js';

const actor = (roles: string[], departmentId = 'prod', userId = 'u1') =>
  userActor({ tenantId: 't', userId, username: 'x', displayName: 'x', departmentId, roles, locale: 'zh-CN' });
const hazard = { status: 'reported', reporterId: 'u2', departmentId: 'equip', reporterDepartmentId: 'equip', responsibleDepartmentId: null };

describe('hazard policies', () => {
  it('workers see only their own reports', () => {
    expect(canViewHazard(actor(['worker']), hazard)).toBe(false);
    expect(canViewHazard(actor(['worker'], 'prod', 'u2'), hazard)).toBe(true);
    expect(hazardVisibility(actor(['worker']))).toEqual({ all: false, userId: 'u1', departmentId: null });
  });

  it('department heads see hazards in, from or assigned to their department', () => {
    expect(canViewHazard(actor(['dept_head'], 'equip'), hazard)).toBe(true);
    expect(canViewHazard(actor(['dept_head'], 'prod'), hazard)).toBe(false);
    expect(canViewHazard(actor(['dept_head'], 'prod'), { ...hazard, responsibleDepartmentId: 'prod' })).toBe(true);
  });

  it('safety, committee and admin see all; only safety assesses; closed hazards are not edited', () => {
    for (const r of ['safety_officer', 'committee', 'admin']) expect(canViewHazard(actor([r]), hazard)).toBe(true);
    expect(canAssessHazard(actor(['safety_officer']), hazard)).toBe(true);
    expect(canAssessHazard(actor(['admin']), hazard)).toBe(false);
    expect(canAssessHazard(actor(['safety_officer']), { ...hazard, status: 'assessed' })).toBe(true); // a correction before dispatch
    expect(canAssessHazard(actor(['safety_officer']), { ...hazard, status: 'rectifying' })).toBe(false);
    expect(canEditHazard(actor(['safety_officer']), { ...hazard, status: 'closed' })).toBe(false);
    expect(canEditHazard(actor(['committee']), hazard)).toBe(false);
  });

  it('the reporter may correct the report only until it is assessed', () => {
    const reporter = actor(['worker'], 'equip', 'u2');
    expect(canEditHazard(reporter, hazard)).toBe(true);
    expect(canEditHazard(reporter, { ...hazard, status: 'assessed' })).toBe(false);
  });
});
