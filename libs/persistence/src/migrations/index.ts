import { CreateAlerts1764000000000 } from './1764000000000-create-alerts';
import { CreateTicketsProjection1764000000002 } from './1764000000002-create-tickets-projection';
import { CreateAlertSubscriptions1764000000003 } from '../alerts/1764000000003-create-alert-subscriptions';
import { AddTicketsWarned1764000000004 } from './1764000000004-add-tickets-warned';
import { CreateMicrosoftWatches1764000000005 } from '../microsoft-watches/1764000000005-create-microsoft-watches';
import { CreateParkedEvents1764000000006 } from './1764000000006-create-parked-events';
import { CreateJournalFaults1764000000007 } from '../journal-faults/1764000000007-create-journal-faults';
import { CreateIdempotencyKeys1764000000008 } from '../idempotency-keys/1764000000008-create-idempotency-keys';

/** Every migration of this library, oldest first (the event store brings its own). */
export const MIGRATIONS = [
  CreateAlerts1764000000000,
  CreateTicketsProjection1764000000002,
  CreateAlertSubscriptions1764000000003,
  AddTicketsWarned1764000000004,
  CreateMicrosoftWatches1764000000005,
  CreateParkedEvents1764000000006,
  CreateJournalFaults1764000000007,
  CreateIdempotencyKeys1764000000008,
];
