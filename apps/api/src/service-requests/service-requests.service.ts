import { randomUUID } from 'node:crypto';
import {
  ConflictException,
  ForbiddenException,
  Injectable,
  type MessageEvent,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateStage,
  type WorkflowHandle,
  type WorkflowUpdateHandle,
} from '@temporalio/client';
import { loadSlaPolicy, microsoftPollIntervalMs, type AppConfig } from '@escalade/config';
import { summarizeTicketEvent, type SlaPolicy, type TicketEvent, type TicketState, type TicketStatus } from '@escalade/domain';
import { EventStore } from '@escalade/event-store';
import { IdempotencyKeyStore, InvalidCursorError, TicketsProjection, TicketsQuery, type TicketPage } from '@escalade/persistence';
import { map, type Observable } from 'rxjs';
import { resumePosition, tailEvents, toServerSentEvent } from '../events/event-tail';
import {
  azureAccessGrantedSignal,
  changeSeverityUpdate,
  closeUpdate,
  microsoftRespondedSignal,
  SERVICE_REQUEST_WORKFLOW,
  searchAttributes,
  sendNoteUpdate,
  serviceRequestWorkflowId,
  ticketKey,
  ticketStateQuery,
  type serviceRequestWorkflow,
} from '@escalade/workflows';
import { actorOf, actsFor, partnerTenantsOf, type Principal } from '../auth/principal';
import { locatedAt, TicketLocator, type LocatedTicket } from './ticket-locator';
import { TICKET_ID_PATTERN, TICKET_ID_RULE, type CreateServiceRequestDto } from './dto/create-service-request.dto';
import type { ListServiceRequestsQuery } from './dto/list-service-requests.query';
import type {
  AzureAccessGrantedDto,
  ChangeSeverityDto,
  CloseServiceRequestDto,
  MicrosoftResponseDto,
  SendNoteDto,
} from './dto/ticket-actions.dto';
import { requestFingerprint, toServiceRequest } from './service-request.mapper';
import { DEFAULT_PAGE_LIMIT } from '../validation/page-limit.decorator';
import { invalidRequest } from '../validation/validation-exception.factory';

export interface OpenedTicket {
  id: string;
  partnerTenantId: string;
  workflowId: string;
  status: TicketStatus;
  /** false when an earlier request with the same idempotency key had already opened it. */
  created: boolean;
}

export type TicketView = TicketState & { partnerTenantId: string; links: { temporalUi: string } };

/** A ticket as a request names it: its id, and its partner tenant when the principal's partners share the id. */
export interface TicketRef {
  id: string;
  partnerTenantId?: string;
}

/** A page of the read model, with the event-log position it reflects at least: `/events/stream?after=` follows on. */
export type TicketListView = TicketPage & { position: number };

/** Closure accepted by the ticket's workflow, not stored yet (the database is slow or down): it will be. */
export type ClosingTicket = TicketState & { closing: true };
/** A severity change accepted by the ticket's workflow (the state shows it), its event not stored yet. */
export type ChangingSeverityTicket = TicketState & { changingSeverity: true };

/** A note accepted by the ticket's workflow, not yet sent to Microsoft and recorded: it will be. */
export type SendingNoteTicket = TicketState & { sendingNote: true };

/** How long a close or severity change waits for its event to be stored before answering 202. */
const UPDATE_WAIT_MS = 5_000;

export interface TimelineEntry {
  version: number;
  position: number;
  at: string;
  type: TicketEvent['type'];
  summary: string;
  data: TicketEvent['data'];
}

@Injectable()
export class ServiceRequestsService {
  private readonly policy: SlaPolicy;
  /** Only Partner Center (or its simulator) can be asked whether Microsoft answered. */
  private readonly microsoftPollIntervalMs?: number;

  constructor(
    private readonly client: Client,
    private readonly config: ConfigService<AppConfig, true>,
    private readonly events: EventStore,
    private readonly tickets: TicketsQuery,
    private readonly projection: TicketsProjection,
    private readonly idempotencyKeys: IdempotencyKeyStore,
    private readonly locator: TicketLocator,
  ) {
    this.policy = loadSlaPolicy({
      SLA_POLICY_FILE: config.get('SLA_POLICY_FILE', { infer: true }),
      SLA_TIME_SCALE: config.get('SLA_TIME_SCALE', { infer: true }),
    });
    this.microsoftPollIntervalMs = microsoftPollIntervalMs(
      {
        MICROSOFT_SUPPORT: config.get('MICROSOFT_SUPPORT', { infer: true }),
        MICROSOFT_POLL_INTERVAL_MS: config.get('MICROSOFT_POLL_INTERVAL_MS', { infer: true }),
      },
      this.policy,
    );
  }

  /**
   * The key is claimed in our database first: it outlives Temporal's retention of the closed workflow, so a repeat after
   * it still finds the ticket. A claim whose workflow may not have started yet (a crash, Temporal down) starts it.
   */
  async open(principal: Principal, dto: CreateServiceRequestDto, idempotencyKey?: string): Promise<OpenedTicket> {
    const id = this.ticketId(dto.requestId, idempotencyKey);
    const partnerTenantId = dto.partner.tenantId.toLowerCase();
    if (!actsFor(principal, partnerTenantId)) {
      throw new ForbiddenException(`${principal.name} does not act for partner tenant ${partnerTenantId}: tickets are filed for one's own partners only`);
    }
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
        args: [{ id, key, request, policy: this.policy, microsoftPollIntervalMs: this.microsoftPollIntervalMs }],
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

  async get(principal: Principal, ref: TicketRef): Promise<TicketView> {
    const ticket = await this.locate(principal, ref);
    const state = await this.state(ticket);
    const ui = this.config.get('TEMPORAL_UI_URL', { infer: true });
    const namespace = this.config.get('TEMPORAL_NAMESPACE', { infer: true });
    const temporalUi = `${ui}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(state.workflowId)}`;
    return { ...state, partnerTenantId: ticket.partnerTenantId, links: { temporalUi } };
  }

  async list(principal: Principal, { cursor, limit = DEFAULT_PAGE_LIMIT, dueBefore, ...filters }: ListServiceRequestsQuery): Promise<TicketListView> {
    // Read before the page: the page reflects at least this much of the log, so following on from it misses nothing.
    const position = await this.projection.checkpoint();
    try {
      const page = await this.tickets.list(
        { ...filters, dueBefore: dueBefore && new Date(dueBefore).toISOString() },
        { cursor, limit },
        partnerTenantsOf(principal),
      );
      return { ...page, position };
    } catch (err) {
      if (!(err instanceof InvalidCursorError)) throw err;
      throw invalidRequest([{ field: 'cursor', problems: [err.message] }]);
    }
  }

  /** The ticket's history, then its new events as they are recorded. */
  async timelineStream(principal: Principal, ref: TicketRef, lastEventId?: string): Promise<Observable<MessageEvent>> {
    const ticket = await this.locate(principal, ref);
    const { streamId } = ticket;
    if ((await this.events.streamVersion(streamId)) === 0) await this.state(ticket); // 404 when its workflow is gone
    const after = resumePosition(lastEventId, 0);
    let nextVersion = 1;
    return tailEvents(async () => {
      const batch = await this.events.readStream(streamId, { from: nextVersion });
      nextVersion += batch.length;
      return batch.filter((event) => event.globalPosition > after);
    }).pipe(map(toServerSentEvent));
  }

  /** The ticket's events, oldest first, each with a line a coordinator can read. */
  async timeline(principal: Principal, ref: TicketRef): Promise<{ id: string; partnerTenantId: string; events: TimelineEntry[] }> {
    const ticket = await this.locate(principal, ref);
    const recorded = await this.events.readStream(ticket.streamId);
    if (recorded.length === 0) await this.state(ticket); // 404 when its workflow is gone
    const events = recorded.map((event) => {
      const ticketEvent = { type: event.type, data: event.data } as TicketEvent;
      return {
        version: event.streamVersion,
        position: event.globalPosition,
        at: event.recordedAt,
        type: ticketEvent.type,
        summary: summarizeTicketEvent(ticketEvent),
        data: ticketEvent.data,
      };
    });
    return { id: ticket.id, partnerTenantId: ticket.partnerTenantId, events };
  }

  async recordMicrosoftResponse(principal: Principal, ref: TicketRef, body: MicrosoftResponseDto): Promise<Pick<TicketState, 'id' | 'status'>> {
    const ticket = await this.locate(principal, ref);
    const state = await this.expectStatus(ticket, ['handing-off', 'awaiting-response'], "record Microsoft's response");
    const respondedAt = body.respondedAt === undefined ? undefined : answerTimeWithin(body.respondedAt, state);
    const respondedBy = body.respondedBy ?? principal.name;
    await this.handle(ticket).signal(microsoftRespondedSignal, { note: body.note, respondedBy, respondedAt, by: actorOf(principal) });
    return { id: ticket.id, status: 'responded' };
  }

  async grantAzureAccess(principal: Principal, ref: TicketRef, body: AzureAccessGrantedDto): Promise<Pick<TicketState, 'id' | 'status'>> {
    const ticket = await this.locate(principal, ref);
    await this.expectStatus(ticket, ['awaiting-access'], 'grant Azure access');
    await this.handle(ticket).signal(azureAccessGrantedSignal, { grantedBy: body.grantedBy ?? principal.name, by: actorOf(principal) });
    return { id: ticket.id, status: 'handing-off' };
  }

  /** The final state; or, when the closure is not stored within UPDATE_WAIT_MS, the state so far with `closing`. */
  async close(principal: Principal, ref: TicketRef, body: CloseServiceRequestDto): Promise<TicketState | ClosingTicket> {
    const ticket = await this.locate(principal, ref);
    const handle = this.handle(ticket);
    const state = await this.state(ticket);
    if (state.status === 'closed') throw this.conflict(state, 'close');
    const closed = await this.update(ticket, 'close', () =>
      handle.startUpdate(closeUpdate, {
        args: [{ resolution: body.resolution, closedBy: body.closedBy ?? principal.name, by: actorOf(principal) }],
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      }),
    );
    return closed.completed ? closed.state : { ...closed.state, closing: true };
  }

  /** Re-times the response target; 409 unless the ticket awaits Microsoft's response with another severity. */
  async changeSeverity(principal: Principal, ref: TicketRef, { severity, reason, changedBy }: ChangeSeverityDto): Promise<TicketState | ChangingSeverityTicket> {
    const ticket = await this.locate(principal, ref);
    const handle = this.handle(ticket);
    await this.expectStatus(ticket, ['awaiting-response'], 'change the severity of');
    const change = { severity, reason, changedBy: changedBy ?? principal.name, by: actorOf(principal) };
    const changed = await this.update(ticket, 'change the severity of', () =>
      handle.startUpdate(changeSeverityUpdate, { args: [change], waitForStage: WorkflowUpdateStage.ACCEPTED }),
    );
    return changed.completed ? changed.state : { ...changed.state, changingSeverity: true };
  }

  /** Sends the note to Microsoft's ticket and records it; 409 unless filed and open, or when Microsoft refuses it. */
  async sendNote(principal: Principal, ref: TicketRef, { text, sentBy }: SendNoteDto): Promise<TicketState | SendingNoteTicket> {
    const ticket = await this.locate(principal, ref);
    const handle = this.handle(ticket);
    await this.state(ticket); // 404 when its workflow is gone
    const note = { text, sentBy: sentBy ?? principal.name, by: actorOf(principal) };
    const sent = await this.update(ticket, 'send a note on', () =>
      handle.startUpdate(sendNoteUpdate, { args: [note], waitForStage: WorkflowUpdateStage.ACCEPTED }),
    );
    return sent.completed ? sent.state : { ...sent.state, sendingNote: true };
  }

  /**
   * Runs a workflow update, waiting at most UPDATE_WAIT_MS: the handler completes only once its event is stored, which
   * waits for the database. Accepted but not completed by then, the workflow will finish it on its own: the answer is
   * the ticket's state so far. An update its validator refused is a conflict with the ticket's state.
   */
  private async update(
    ticket: LocatedTicket,
    action: string,
    start: () => Promise<WorkflowUpdateHandle<TicketState>>,
  ): Promise<{ state: TicketState; completed: boolean }> {
    const waited = new AbortController();
    const timer = setTimeout(() => waited.abort(), UPDATE_WAIT_MS);
    let accepted = false;
    try {
      return await this.client.connection.withAbortSignal(waited.signal, async () => {
        const update = await start();
        accepted = true;
        return { state: await update.result(), completed: true };
      });
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) {
        throw new ConflictException(`Cannot ${action} ticket ${ticket.id}: ${err.cause?.message ?? err.message}`);
      }
      if (accepted && waited.signal.aborted) return { state: await this.state(ticket), completed: false };
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  async cancel(principal: Principal, ref: TicketRef): Promise<Pick<TicketState, 'id' | 'status'>> {
    const ticket = await this.locate(principal, ref);
    const state = await this.state(ticket);
    if (state.status === 'closed') throw this.conflict(state, 'cancel');
    await this.handle(ticket).cancel();
    return { id: ticket.id, status: state.status };
  }

  private ticketId(requestId?: string, idempotencyKey?: string): string {
    if (idempotencyKey !== undefined && !TICKET_ID_PATTERN.test(idempotencyKey)) {
      throw invalidRequest([{ field: 'Idempotency-Key', problems: [`Idempotency-Key ${TICKET_ID_RULE}`] }]);
    }
    if (requestId && idempotencyKey && requestId !== idempotencyKey) {
      throw invalidRequest([{ field: 'requestId', problems: ['requestId and the Idempotency-Key header differ; send one, or the same value in both'] }]);
    }
    return requestId ?? idempotencyKey ?? randomUUID();
  }

  /** The ticket among the principal's partners' (404 otherwise); `id` is checked by the controller's id pipe. */
  private locate(principal: Principal, { id, partnerTenantId }: TicketRef): Promise<LocatedTicket> {
    return this.locator.locate(principal, id, partnerTenantId);
  }

  private handle({ workflowId }: LocatedTicket): WorkflowHandle<typeof serviceRequestWorkflow> {
    return this.client.workflow.getHandle(workflowId);
  }

  private async state(ticket: LocatedTicket): Promise<TicketState> {
    try {
      return await this.handle(ticket).query(ticketStateQuery);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new NotFoundException(`No service request with id "${ticket.id}"`);
      throw err;
    }
  }

  private async expectStatus(ticket: LocatedTicket, allowed: TicketStatus[], action: string): Promise<TicketState> {
    const state = await this.state(ticket);
    if (!allowed.includes(state.status)) throw this.conflict(state, action, allowed);
    return state;
  }

  private conflict(state: TicketState, action: string, allowed?: TicketStatus[]): ConflictException {
    const expected = allowed ? `; only possible while ${allowed.join(' or ')}` : '';
    return new ConflictException(`Cannot ${action} ticket ${state.id}: it is ${state.status}${expected}`);
  }
}

function keyReused(id: string): UnprocessableEntityException {
  return new UnprocessableEntityException(
    `Idempotency key "${id}" was already used for a different service request; use a new key for a new request`,
  );
}

/** A coordinator's answer time, checked against the ticket: between its filing (or receipt, while filing) and now. */
function answerTimeWithin(respondedAt: string, state: TicketState): string {
  const at = new Date(respondedAt);
  const [since, what] = state.handoff ? [state.handoff.filedAt, 'filed with Microsoft'] : [state.receivedAt, 'received'];
  if (at.getTime() > Date.now()) {
    throw invalidRequest([{ field: 'respondedAt', problems: [`respondedAt must not be in the future (it is ${at.toISOString()})`] }]);
  }
  if (at.getTime() < Date.parse(since)) {
    throw invalidRequest([{ field: 'respondedAt', problems: [`respondedAt must not be before the ticket was ${what} (${since})`] }]);
  }
  return at.toISOString();
}
