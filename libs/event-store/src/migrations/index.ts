import { CreateEvents1764000000001 } from './1764000000001-create-events';

/** The event store's migrations, oldest first: add them to the application's DataSource. */
export const EVENT_STORE_MIGRATIONS = [CreateEvents1764000000001];
