import { randomUUID } from 'node:crypto';
import {
  ConflictException,
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
  ticketStateQuery,
  ticketStreamId,
  type serviceRequestWorkflow,
} from '@escalade/workflows';
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
  workflowId: string;
  status: TicketStatus;
  /** false when an earlier request with the same idempotency key had already opened it. */
  created: boolean;
}

export type TicketView = TicketState & { links: { temporalUi: string } };

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
  async open(dto: CreateServiceRequestDto, idempotencyKey?: string): Promise<OpenedTicket> {
    const id = this.ticketId(dto.requestId, idempotencyKey);
    const request = toServiceRequest(dto);
    const fingerprint = requestFingerprint(request);
    const workflowId = serviceRequestWorkflowId(id);
    const claim = await this.idempotencyKeys.claim({ key: id, fingerprint, workflowId });
    if (claim.fingerprint !== fingerprint) throw keyReused(id);
    if (claim.startedAt) return { id, workflowId, status: await this.statusOfOpened(id), created: false };
    try {
      await this.client.workflow.start<typeof serviceRequestWorkflow>(SERVICE_REQUEST_WORKFLOW, {
        workflowId,
        taskQueue: this.config.get('TEMPORAL_TASK_QUEUE', { infer: true }),
        args: [{ id, request, policy: this.policy, microsoftPollIntervalMs: this.microsoftPollIntervalMs }],
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
      await this.idempotencyKeys.markStarted(id);
      return { id, workflowId, status: 'checking-eligibility', created: true };
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      // Opened by a racing repeat, or before keys were kept in our database: the workflow's memo has its fingerprint.
      const { memo } = await this.client.workflow.getHandle(workflowId).describe();
      if (memo?.requestFingerprint !== fingerprint) throw keyReused(id);
      await this.idempotencyKeys.markStarted(id);
      return { id, workflowId, status: await this.statusOfOpened(id), created: false };
    }
  }

  /** Temporal forgets a closed workflow after its retention: a ticket opened but no longer found there is closed. */
  private async statusOfOpened(id: string): Promise<TicketStatus> {
    try {
      return (await this.handle(id).query(ticketStateQuery)).status;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return 'closed';
      throw err;
    }
  }

  async get(id: string): Promise<TicketView> {
    const state = await this.state(this.handle(id), id);
    const ui = this.config.get('TEMPORAL_UI_URL', { infer: true });
    const namespace = this.config.get('TEMPORAL_NAMESPACE', { infer: true });
    const temporalUi = `${ui}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(state.workflowId)}`;
    return { ...state, links: { temporalUi } };
  }

  async list({ cursor, limit = DEFAULT_PAGE_LIMIT, dueBefore, ...filters }: ListServiceRequestsQuery): Promise<TicketListView> {
    // Read before the page: the page reflects at least this much of the log, so following on from it misses nothing.
    const position = await this.projection.checkpoint();
    try {
      const page = await this.tickets.list({ ...filters, dueBefore: dueBefore && new Date(dueBefore).toISOString() }, { cursor, limit });
      return { ...page, position };
    } catch (err) {
      if (!(err instanceof InvalidCursorError)) throw err;
      throw invalidRequest([{ field: 'cursor', problems: [err.message] }]);
    }
  }

  /** The ticket's history, then its new events as they are recorded. */
  async timelineStream(id: string, lastEventId?: string): Promise<Observable<MessageEvent>> {
    const streamId = ticketStreamId(id);
    if ((await this.events.streamVersion(streamId)) === 0) await this.state(this.handle(id), id); // 404 when unknown
    const after = resumePosition(lastEventId, 0);
    let nextVersion = 1;
    return tailEvents(async () => {
      const batch = await this.events.readStream(streamId, { from: nextVersion });
      nextVersion += batch.length;
      return batch.filter((event) => event.globalPosition > after);
    }).pipe(map(toServerSentEvent));
  }

  /** The ticket's events, oldest first, each with a line a coordinator can read. */
  async timeline(id: string): Promise<{ id: string; events: TimelineEntry[] }> {
    const recorded = await this.events.readStream(ticketStreamId(id));
    if (recorded.length === 0) await this.state(this.handle(id), id); // 404 for a ticket that does not exist
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
    return { id, events };
  }

  async recordMicrosoftResponse(id: string, body: MicrosoftResponseDto): Promise<Pick<TicketState, 'id' | 'status'>> {
    const handle = this.handle(id);
    const state = await this.expectStatus(handle, id, ['handing-off', 'awaiting-response'], "record Microsoft's response");
    const respondedAt = body.respondedAt === undefined ? undefined : answerTimeWithin(body.respondedAt, state);
    await handle.signal(microsoftRespondedSignal, { note: body.note, respondedBy: body.respondedBy, respondedAt });
    return { id, status: 'responded' };
  }

  async grantAzureAccess(id: string, body: AzureAccessGrantedDto): Promise<Pick<TicketState, 'id' | 'status'>> {
    const handle = this.handle(id);
    await this.expectStatus(handle, id, ['awaiting-access'], 'grant Azure access');
    await handle.signal(azureAccessGrantedSignal, { grantedBy: body.grantedBy });
    return { id, status: 'handing-off' };
  }

  /** The final state; or, when the closure is not stored within UPDATE_WAIT_MS, the state so far with `closing`. */
  async close(id: string, body: CloseServiceRequestDto): Promise<TicketState | ClosingTicket> {
    const handle = this.handle(id);
    const state = await this.state(handle, id);
    if (state.status === 'closed') throw this.conflict(state, 'close');
    const closed = await this.update(handle, id, 'close', () =>
      handle.startUpdate(closeUpdate, {
        args: [{ resolution: body.resolution, closedBy: body.closedBy }],
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      }),
    );
    return closed.completed ? closed.state : { ...closed.state, closing: true };
  }

  /** Re-times the response target; 409 unless the ticket awaits Microsoft's response with another severity. */
  async changeSeverity(id: string, { severity, reason, changedBy }: ChangeSeverityDto): Promise<TicketState | ChangingSeverityTicket> {
    const handle = this.handle(id);
    await this.expectStatus(handle, id, ['awaiting-response'], 'change the severity of');
    const changed = await this.update(handle, id, 'change the severity of', () =>
      handle.startUpdate(changeSeverityUpdate, { args: [{ severity, reason, changedBy }], waitForStage: WorkflowUpdateStage.ACCEPTED }),
    );
    return changed.completed ? changed.state : { ...changed.state, changingSeverity: true };
  }

  /** Sends the note to Microsoft's ticket and records it; 409 unless filed and open, or when Microsoft refuses it. */
  async sendNote(id: string, { text, sentBy }: SendNoteDto): Promise<TicketState | SendingNoteTicket> {
    const handle = this.handle(id);
    await this.state(handle, id); // 404 when unknown
    const sent = await this.update(handle, id, 'send a note on', () =>
      handle.startUpdate(sendNoteUpdate, { args: [{ text, sentBy }], waitForStage: WorkflowUpdateStage.ACCEPTED }),
    );
    return sent.completed ? sent.state : { ...sent.state, sendingNote: true };
  }

  /**
   * Runs a workflow update, waiting at most UPDATE_WAIT_MS: the handler completes only once its event is stored, which
   * waits for the database. Accepted but not completed by then, the workflow will finish it on its own: the answer is
   * the ticket's state so far. An update its validator refused is a conflict with the ticket's state.
   */
  private async update(
    handle: WorkflowHandle,
    id: string,
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
        throw new ConflictException(`Cannot ${action} ticket ${id}: ${err.cause?.message ?? err.message}`);
      }
      if (accepted && waited.signal.aborted) return { state: await this.state(handle, id), completed: false };
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  async cancel(id: string): Promise<Pick<TicketState, 'id' | 'status'>> {
    const handle = this.handle(id);
    const state = await this.state(handle, id);
    if (state.status === 'closed') throw this.conflict(state, 'cancel');
    await handle.cancel();
    return { id, status: state.status };
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

  /** `id` is checked by the controller's id pipe. */
  private handle(id: string): WorkflowHandle<typeof serviceRequestWorkflow> {
    return this.client.workflow.getHandle(serviceRequestWorkflowId(id));
  }

  private async state(handle: WorkflowHandle, id: string): Promise<TicketState> {
    try {
      return await handle.query(ticketStateQuery);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new NotFoundException(`No service request with id "${id}"`);
      throw err;
    }
  }

  private async expectStatus(handle: WorkflowHandle, id: string, allowed: TicketStatus[], action: string): Promise<TicketState> {
    const state = await this.state(handle, id);
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
