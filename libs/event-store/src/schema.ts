import { EventEntity } from './event.entity';

export { EVENT_STORE_MIGRATIONS } from './migrations';

/** The event store's entities: add them to the application's DataSource next to EVENT_STORE_MIGRATIONS. */
export const EVENT_STORE_ENTITIES = [EventEntity];
