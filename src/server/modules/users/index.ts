import { defineModule } from '../../platform/module.js';
import { UserService } from './service.js';
import { PositionService } from './positions.js';
import { userRoutes } from './routes.js';

/**
 * People administration: add one by one or import the staff directory, activation links,
 * disable/enable, password resets, roles, positions. The user is the one person record.
 */
export const usersModule = defineModule({
  name: 'users',
  register(p, api) {
    userRoutes(api, new UserService(p), new PositionService(p));
  },
});
