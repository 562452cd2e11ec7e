import { z } from 'zod';
import type { Api } from '../../platform/module.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import type { UserService } from './service.js';
import type { PositionService } from './positions.js';

const IdParams = z.object({ id: z.uuid() });
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const UserFields = {
  displayName: z.string().trim().min(1).max(50),
  employeeNo: optionalText(40),
  departmentId: z.uuid().nullable().optional(),
  positionId: z.uuid().nullable().optional(),
  phone: z.string().trim().regex(/^[0-9+\- ]{5,20}$/, 'digits, +, - and spaces').nullable().optional(),
  email: z.email().max(120).nullable().optional(),
};

export function userRoutes(api: Api, users: UserService, positions: PositionService): void {
  api.get(
    '/admin/users',
    {
      schema: {
        tags: ['users'],
        summary: 'People of the organisation with department, position, roles, status and last login (users.manage)',
        querystring: z.strictObject({
          q: z.string().trim().max(50).optional(),
          departmentId: z.uuid().optional(),
          status: z.enum(['active', 'disabled', 'pending']).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    },
    async (request) => users.list(actorOf(request), request.query),
  );

  api.get('/admin/users/:id', { schema: { tags: ['users'], summary: 'One person (users.manage)', params: IdParams } }, async (request) =>
    users.get(actorOf(request), request.params.id),
  );

  api.post(
    '/admin/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Add a person; with login: true an activation link (shown once) lets them set their own password. Roles other than worker need roles.manage',
        body: z.strictObject({
          ...UserFields,
          username: z.string().trim().max(40).optional(),
          position: z.string().trim().max(60).optional().describe('a position name; made as a record of the department when new'),
          roles: z.array(z.string().max(50)).max(10).optional(),
          login: z.boolean().optional(),
        }),
      },
    },
    async (request, reply) => reply.status(201).send(await users.create(actorOf(request), request.body)),
  );

  api.patch(
    '/admin/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: "Change a person's name, number, department, position or contact (send the version you read; 409 if it moved on)",
        params: IdParams,
        body: z.strictObject({ version: z.number().int().min(1), ...UserFields, displayName: UserFields.displayName.optional() }),
      },
    },
    async (request) => users.update(actorOf(request), request.params.id, request.body),
  );

  api.put(
    '/admin/users/:id/roles',
    {
      schema: {
        tags: ['users'],
        summary: "Set a person's roles (roles.manage, the security administrator); effective at their next request",
        params: IdParams,
        body: z.strictObject({ version: z.number().int().min(1), roles: z.array(z.string().max(50)).max(10) }),
      },
    },
    async (request) => users.setRoles(actorOf(request), request.params.id, request.body.version, request.body.roles),
  );

  api.post('/admin/users/:id/disable', { schema: { tags: ['users'], summary: 'Disable an account: its sessions and tokens end at once', params: IdParams } }, async (request) =>
    users.setEnabled(actorOf(request), request.params.id, false),
  );
  api.post('/admin/users/:id/enable', { schema: { tags: ['users'], summary: 'Enable a disabled account again', params: IdParams } }, async (request) =>
    users.setEnabled(actorOf(request), request.params.id, true),
  );
  api.post(
    '/admin/users/:id/reset-password',
    { schema: { tags: ['users'], summary: 'Reset a password: a one-time password (shown once); the person sets a new one at the next login', params: IdParams } },
    async (request) => users.resetPassword(actorOf(request), request.params.id),
  );
  api.post(
    '/admin/users/:id/activation-link',
    { schema: { tags: ['users'], summary: 'A new activation link (shown once); an earlier one stops working', params: IdParams } },
    async (request) => users.activationLink(actorOf(request), request.params.id),
  );

  api.get('/positions', { schema: { tags: ['users'], summary: 'Positions (岗位) with their department and holders' } }, async (request) =>
    positions.list(actorOf(request)),
  );
  api.post(
    '/positions',
    { schema: { tags: ['users'], summary: 'Add a position (org.manage)', body: z.strictObject({ name: z.string().trim().min(1).max(60), departmentId: z.uuid().nullable().optional() }) } },
    async (request, reply) => reply.status(201).send(await positions.create(actorOf(request), request.body)),
  );
  api.patch(
    '/positions/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Rename a position or retire it (org.manage; version check)',
        params: IdParams,
        body: z.strictObject({ version: z.number().int().min(1), name: z.string().trim().min(1).max(60).optional(), retired: z.boolean().optional() }),
      },
    },
    async (request) => positions.update(actorOf(request), request.params.id, request.body),
  );
}
