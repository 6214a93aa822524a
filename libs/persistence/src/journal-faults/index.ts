export * from './journal-fault.entity';
export * from './journal-fault.store';
