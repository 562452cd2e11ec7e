/** Who manages notification channels (the server decides; this only hides what the user may not use). */
export const NOTIFICATIONS_MANAGE = 'notifications.manage';
