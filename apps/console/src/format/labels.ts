import type { Channel, EligibilityVerdict, PartnerRole, Portal, Severity, SupportContract, TicketEventType, TicketOutcome, TicketStatus } from '@escalade/domain';
import type { Role } from '@escalade/contract';

export const STATUS_LABELS: Record<TicketStatus, string> = {
  'checking-eligibility': 'Checking eligibility',
  'awaiting-access': 'Awaiting Azure access',
  'handing-off': 'Handing off',
  'awaiting-response': 'Awaiting response',
  responded: 'Responded',
  closed: 'Closed',
};

export const OUTCOME_LABELS: Record<TicketOutcome, string> = {
  resolved: 'Resolved',
  cancelled: 'Cancelled',
  refused: 'Refused',
  redirected: 'Redirected',
  'access-timed-out': 'Azure access timed out',
  'handoff-rejected': 'Filing rejected by Microsoft',
};

export const EVENT_LABELS: Record<TicketEventType, string> = {
  ServiceRequestReceived: 'Request received',
  EligibilityDecided: 'Eligibility decided',
  AzureAccessAwaited: 'Awaiting Azure access',
  AzureAccessReminded: 'Azure access reminder',
  AzureAccessGranted: 'Azure access granted',
  HandedOff: 'Filed with Microsoft',
  HandoffRejected: 'Filing rejected by Microsoft',
  HandoffBlocked: 'Filing blocked: credentials',
  NoteSentToMicrosoft: 'Note sent to Microsoft',
  MicrosoftTicketClosed: "Microsoft's ticket closed",
  ResponseDueTimeSet: 'Response due time set',
  BreachWarningRaised: 'Breach warning',
  SlaBreached: 'SLA breached',
  SlaBreachCorrected: 'Breach withdrawn',
  SeverityChanged: 'Severity changed',
  Escalated: 'Escalated',
  MicrosoftResponded: 'Microsoft responded',
  MicrosoftNoteAdded: 'Note from Microsoft',
  MicrosoftStatusChanged: 'Microsoft status changed',
  FollowUpTargetSet: 'Follow-up target set',
  FollowUpWarningRaised: 'Follow-up warning',
  FollowUpBreached: 'Follow-up target breached',
  FollowUpEscalated: 'Follow-up escalated',
  FollowUpAnswered: 'Follow-up answered',
  ResolutionTargetBreached: 'Resolution target breached',
  MicrosoftClockPaused: "Microsoft's clock paused",
  MicrosoftClockResumed: "Microsoft's clock resumed",
  AlertDelivered: 'Alert delivered',
  AlertHeld: 'Alert held for quiet hours',
  AlertDeliveryAbandoned: 'Alert delivery abandoned',
  ServiceRequestClosed: 'Closed',
};

export const PORTAL_LABELS: Record<Portal, string> = {
  'azure-portal': 'Azure portal',
  'microsoft-365-admin-center': 'Microsoft 365 admin center',
};

export const ELIGIBILITY_LABELS: Record<EligibilityVerdict, string> = {
  eligible: 'Eligible',
  refused: 'Refused',
  redirected: 'Redirected',
  'needs-access': 'Needs Azure access',
};

export const ROLE_LABELS: Record<Role, string> = {
  viewer: 'Viewer',
  coordinator: 'Coordinator',
  admin: 'Admin',
};

export const SEVERITY_LABELS: Record<Severity, string> = {
  A: 'A — critical',
  B: 'B — moderate',
  C: 'C — minimal',
};

export const CHANNEL_LABELS: Record<Channel, string> = {
  portal: 'Portal (Partner Center)',
  phone: 'Phone',
};

export const PARTNER_ROLE_LABELS: Record<PartnerRole, string> = {
  'indirect-provider': 'Indirect provider',
  'indirect-reseller': 'Indirect reseller',
};

export const SUPPORT_CONTRACT_LABELS: Record<SupportContract, string> = {
  none: 'None',
  asfp: 'Advanced Support for Partners (ASfP)',
  premier: 'Premier',
  unified: 'Unified',
};
