import type { FollowUpTarget } from './follow-up-targets';
import type { ResponseWindow } from './response-window';
import type { Product, Severity } from './service-request';

export const TICKET_STATUSES = [
  'checking-eligibility',
  'awaiting-access',
  'handing-off',
  'awaiting-response',
  'responded',
  'closed',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** `handoff-rejected`: Microsoft refused to file the ticket as it was written (Partner Center's 4xx). */
export const TICKET_OUTCOMES = ['resolved', 'cancelled', 'refused', 'redirected', 'access-timed-out', 'handoff-rejected'] as const;
export type TicketOutcome = (typeof TICKET_OUTCOMES)[number];

export type EligibilityVerdict = 'eligible' | 'refused' | 'redirected' | 'needs-access';

/** Where a request that is not Microsoft's to answer through the CSP route must go instead. */
export interface RedirectTarget {
  kind: 'isv' | 'dynamics-support';
  name: string;
  url?: string;
  email?: string;
  phone?: string;
}

export interface EligibilityDecision {
  decision: EligibilityVerdict;
  /** Why; for a refusal every failed rule is named, separated by "; ". */
  reason: string;
  redirectTo?: RedirectTarget;
}

export type Portal = 'azure-portal' | 'microsoft-365-admin-center';

/** Where and how the ticket is written at Microsoft, as the seed prescribes. */
export interface HandoffTarget {
  portal: Portal;
  url: string;
  /** `customer` = in the customer's context through Partner Center; `partner` = the partner's own tenant. */
  context: 'customer' | 'partner';
  /** Azure: the support plan field ("Cloud Solution Provider"; the entitlement for the partner's own tenant). */
  supportPlan?: string;
  /** Microsoft 365 admin center: the support category to pick. */
  supportCategory?: string;
}

export interface Handoff extends HandoffTarget {
  microsoftTicketId: string;
  filedAt: string;
}

export interface Escalation {
  level: number;
  audience: string;
  at: string;
}

/** The target running after Microsoft's first answer: who owes the next word, by when, and the marks raised so far. */
export interface FollowUpClock {
  target: FollowUpTarget;
  round: number;
  startsAt: string;
  dueAt: string;
  warnedAt?: string;
  breached: boolean;
  escalations: Escalation[];
}

/** A span during which Microsoft's clock stood still (`to` absent while it still does). */
export interface ClockPause {
  from: string;
  to?: string;
}

/**
 * A ticket as the fold of its events (`evolveTicket`): what the workflow knows of it, and the source of the read
 * model's row, which projects some of these fields and never computes one differently.
 */
export interface Ticket {
  /** Unique among all tickets: its stream's key (`<partner tenant>~<id>`, or the bare id of a ticket from before). */
  key: string;
  /** The partner's own id, unique per partner tenant. */
  id: string;
  /** Lower-cased. */
  partnerTenantId: string;
  partner: string;
  title: string;
  product: Product;
  customer: string;
  customerDomain: string;
  status: TicketStatus;
  outcome?: TicketOutcome;
  severity: Severity;
  eligibility?: EligibilityDecision;
  handoff?: Handoff;
  policyVersion: string;
  receivedAt: string;
  responseDueAt?: string;
  respondedAt?: string;
  /** Set while our Partner Center credentials keep the filing from being made (the ticket is `handing-off`). */
  handoffBlocked?: { reason: string; since: string };
  /** When the breach warning went out (a share of the window before the due time). */
  warnedAt?: string;
  breached: boolean;
  breachedAt?: string;
  /** Set when a breach raised before Microsoft's answer was known was withdrawn: the answer had come in time. */
  breachCorrectedAt?: string;
  escalationLevel: number;
  escalations: Escalation[];
  /**
   * Whether Microsoft answered within the target: set as soon as its answer is known (else once closed: true when
   * it closed before the due time); null when no target applied.
   */
  targetMet?: boolean | null;
  resolution?: string;
  closedAt?: string;
  /** After Microsoft's first answer: the target now running (none once closed). */
  followUp?: FollowUpClock;
  /** Follow-up rounds missed, by target: answered late, or breached and never answered before the closure. */
  followUpBreaches?: Partial<Record<FollowUpTarget, number>>;
  /** When Microsoft's clock stood still, waiting for information from us. */
  pauses?: ClockPause[];
  /** The policy's optional resolution target passed before the ticket was resolved. */
  resolutionBreached?: boolean;
  /** From filing to resolution (Microsoft closing its ticket, or ours closing, the first) with the paused time taken out. */
  resolutionMs?: number;
}

/** What `GET /service-requests/:id` returns and the workflow query answers: the ticket and how its workflow runs. */
export interface TicketState extends Ticket {
  workflowId: string;
  /** Answered by the state query once the ticket is filed: the planned warning, due and ladder times. */
  responseWindow?: ResponseWindow;
  /** Why the ticket's event stream refused its events for good: nothing after it is on its timeline (see readiness). */
  journalFault?: string;
}
