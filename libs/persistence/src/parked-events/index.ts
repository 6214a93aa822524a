export * from './parked-event.entity';
export * from './parked-events.store';
