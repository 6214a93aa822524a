import { randomUUID } from 'node:crypto';
import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { TicketPolicy, type AppConfig } from '@escalade/config';
import type { OpenedTicket } from '@escalade/contract';
import { decideEligibility, type TicketStatus } from '@escalade/domain';
import { IdempotencyKeyStore } from '@escalade/persistence';
import {
  SERVICE_REQUEST_WORKFLOW,
  searchAttributes,
  serviceRequestWorkflowId,
  ticketKey,
  ticketStateQuery,
  type serviceRequestWorkflow,
} from '@escalade/workflows';
import type { Principal } from '../auth/principal';
import { invalidRequest } from '../validation/validation-exception.factory';
import { TICKET_ID_PATTERN, TICKET_ID_RULE, type CreateServiceRequestDto } from './dto/create-service-request.dto';
import { filingPartnerTenant } from './filing-partner';
import { requestFingerprint, toServiceRequest } from './service-request.mapper';
import { locatedAt, TicketLocator } from './ticket-locator';

/** The ticket opened; `created` is false when an earlier request with the same idempotency key had already opened it. */
export type Opening = OpenedTicket & { created: boolean };

/** Opens tickets: starts each one's workflow once, however often the request is repeated. */
@Injectable()
export class TicketOpener {
  constructor(
    private readonly client: Client,
    private readonly config: ConfigService<AppConfig, true>,
    private readonly policy: TicketPolicy,
    private readonly idempotencyKeys: IdempotencyKeyStore,
    private readonly locator: TicketLocator,
  ) {}

  /**
   * The key is claimed in our database first: it outlives Temporal's retention of the closed workflow, so a repeat after
   * it still finds the ticket. A claim whose workflow may not have started yet (a crash, Temporal down) starts it.
   */
  async open(principal: Principal, dto: CreateServiceRequestDto, idempotencyKey?: string): Promise<Opening> {
    const id = ticketId(dto.requestId, idempotencyKey);
    const partnerTenantId = filingPartnerTenant(principal, dto);
    const request = toServiceRequest(dto);
    const fingerprint = requestFingerprint(request);
    const key = ticketKey(partnerTenantId, id);
    const claim = await this.idempotencyKeys.claim({ partnerTenantId, key: id, fingerprint, workflowId: serviceRequestWorkflowId(key) });
    // A key claimed before ids were per partner keeps its workflow.
    const { workflowId } = claim;
    const opened = { id, partnerTenantId, workflowId };
    if (claim.fingerprint !== fingerprint) throw keyReused(id);
    this.locator.remember(principal, locatedAt(opened));
    if (claim.startedAt) return { ...opened, status: await this.statusOfOpened(workflowId), created: false };
    try {
      await this.client.workflow.start<typeof serviceRequestWorkflow>(SERVICE_REQUEST_WORKFLOW, {
        workflowId,
        taskQueue: this.config.get('TEMPORAL_TASK_QUEUE', { infer: true }),
        args: [
          {
            id,
            key,
            request,
            policy: this.policy.sla,
            eligibility: decideEligibility(request),
            microsoftPollIntervalMs: this.policy.microsoftPollIntervalMs,
          },
        ],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        memo: { requestFingerprint: fingerprint },
        typedSearchAttributes: [
          { key: searchAttributes.severity, value: request.severity },
          { key: searchAttributes.product, value: request.product },
          { key: searchAttributes.customer, value: request.customer.domain },
          { key: searchAttributes.status, value: 'checking-eligibility' },
          { key: searchAttributes.escalationLevel, value: 0 },
        ],
      });
      await this.idempotencyKeys.markStarted({ partnerTenantId, key: id });
      return { ...opened, status: 'checking-eligibility', created: true };
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      // Opened by a racing repeat, or before keys were kept in our database: the workflow's memo has its fingerprint.
      const { memo } = await this.client.workflow.getHandle(workflowId).describe();
      if (memo?.requestFingerprint !== fingerprint) throw keyReused(id);
      await this.idempotencyKeys.markStarted({ partnerTenantId, key: id });
      return { ...opened, status: await this.statusOfOpened(workflowId), created: false };
    }
  }

  /** Temporal forgets a closed workflow after its retention: a ticket opened but no longer found there is closed. */
  private async statusOfOpened(workflowId: string): Promise<TicketStatus> {
    try {
      return (await this.client.workflow.getHandle(workflowId).query(ticketStateQuery)).status;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return 'closed';
      throw err;
    }
  }
}

function ticketId(requestId?: string, idempotencyKey?: string): string {
  if (idempotencyKey !== undefined && !TICKET_ID_PATTERN.test(idempotencyKey)) {
    throw invalidRequest([{ field: 'Idempotency-Key', problems: [`Idempotency-Key ${TICKET_ID_RULE}`] }]);
  }
  if (requestId && idempotencyKey && requestId !== idempotencyKey) {
    throw invalidRequest([{ field: 'requestId', problems: ['requestId and the Idempotency-Key header differ; send one, or the same value in both'] }]);
  }
  return requestId ?? idempotencyKey ?? randomUUID();
}

function keyReused(id: string): UnprocessableEntityException {
  return new UnprocessableEntityException(
    `Idempotency key "${id}" was already used for a different service request; use a new key for a new request`,
  );
}
