import { CreateAlerts1764000000000 } from './1764000000000-create-alerts';

/** Every migration, oldest first. */
export const MIGRATIONS = [CreateAlerts1764000000000];
