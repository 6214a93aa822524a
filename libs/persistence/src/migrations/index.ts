import type { KeyRing } from '@escalade/secrets';
import { CreateAlerts1764000000000 } from './1764000000000-create-alerts';
import { CreateTicketsProjection1764000000002 } from './1764000000002-create-tickets-projection';
import { CreateAlertSubscriptions1764000000003 } from '../alerts/1764000000003-create-alert-subscriptions';
import { AddTicketsWarned1764000000004 } from './1764000000004-add-tickets-warned';
import { CreateMicrosoftWatches1764000000005 } from '../microsoft-watches/1764000000005-create-microsoft-watches';
import { CreateParkedEvents1764000000006 } from './1764000000006-create-parked-events';
import { CreateJournalFaults1764000000007 } from '../journal-faults/1764000000007-create-journal-faults';
import { CreateIdempotencyKeys1764000000008 } from '../idempotency-keys/1764000000008-create-idempotency-keys';
import { CreatePartnerCenterCredentials1764000000009 } from '../partner-center-credentials/1764000000009-create-partner-center-credentials';
import { CreateSupportTopics1764000000010 } from '../support-topics/1764000000010-create-support-topics';
import { AddPartnerCenterCredentialStatus1764000000011 } from '../partner-center-credentials/1764000000011-add-partner-center-credential-status';
import { CreateApiKeys1764000000012 } from '../api-keys/1764000000012-create-api-keys';
import { ScopeTicketsByPartner1764000000013 } from '../tickets/1764000000013-scope-tickets-by-partner';
import { ScopeAlertsByPartner1764000000014 } from '../alerts/1764000000014-scope-alerts-by-partner';
import { SealAlertSubscriptionSecrets1764000000015 } from '../alerts/1764000000015-seal-alert-subscription-secrets';
import { DropReceiverAnswers1764000000016 } from '../alerts/1764000000016-drop-receiver-answers';
import { DropAlerts1764000000017 } from './1764000000017-drop-alerts';
import { AddTicketsSlaMeasures1764000000018 } from './1764000000018-add-tickets-sla-measures';
import { AddAlertSubscriptionLevels1764000000019 } from '../alerts/1764000000019-add-alert-subscription-levels';
import { AddQuietHours1764000000020 } from '../alerts/1764000000020-add-quiet-hours';

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
  CreatePartnerCenterCredentials1764000000009,
  CreateSupportTopics1764000000010,
  AddPartnerCenterCredentialStatus1764000000011,
  CreateApiKeys1764000000012,
  ScopeTicketsByPartner1764000000013,
  ScopeAlertsByPartner1764000000014,
  SealAlertSubscriptionSecrets1764000000015,
  DropReceiverAnswers1764000000016,
  DropAlerts1764000000017,
  AddTicketsSlaMeasures1764000000018,
  AddAlertSubscriptionLevels1764000000019,
  AddQuietHours1764000000020,
];

/** MIGRATIONS, those that seal secrets kept in clear before given `keyRing` (asked only when there is one to seal). */
export function migrationsWith(keyRing: () => KeyRing): typeof MIGRATIONS {
  return MIGRATIONS.map((migration) =>
    migration === SealAlertSubscriptionSecrets1764000000015 ? SealAlertSubscriptionSecrets1764000000015.sealingWith(keyRing) : migration,
  );
}
export * from './migrate-schema';
