import { Body, Controller, Get, Headers, HttpCode, type MessageEvent, Param, Post, Query, Req, Res, Sse } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiConflictResponse, ApiForbiddenResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import type { OpenedTicket } from '@escalade/contract';
import { ListServiceRequestsQuery } from './dto/list-service-requests.query';
import { CreateServiceRequestDto } from './dto/create-service-request.dto';
import { AzureAccessGrantedDto, ChangeSeverityDto, CloseServiceRequestDto, MicrosoftResponseDto, SendNoteDto } from './dto/ticket-actions.dto';
import { TicketCommands } from './ticket-commands';
import { TicketOpener } from './ticket-opener';
import { TicketQueries } from './ticket-queries';
import { TicketTimeline } from './ticket-timeline';
import { optionalTenantIdPipe, ticketIdPipe } from '../validation/id.pipe';
import { CurrentPrincipal, RequiresRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { LiveStreams } from '../shutdown/live-streams';

/** A ticket id shared by two of the principal's partner tenants needs `partnerTenantId` to say which is meant. */
const PartnerTenantQuery = () =>
  ApiQuery({ name: 'partnerTenantId', required: false, description: 'Which partner tenant\'s ticket, when several of yours use this id (409 otherwise)' });

@ApiTags('service-requests')
@ApiUnauthorizedResponse({ description: 'No valid credential' })
@ApiNotFoundResponse({ description: "No such ticket among your partner tenants' (another partner's ticket is a 404 too)" })
@Controller('service-requests')
export class ServiceRequestsController {
  constructor(
    private readonly opener: TicketOpener,
    private readonly commands: TicketCommands,
    private readonly queries: TicketQueries,
    private readonly timelines: TicketTimeline,
    private readonly liveStreams: LiveStreams,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Open a ticket: starts its workflow (201), or returns the ticket an earlier identical request opened (200)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same role as requestId; repeats never open a second ticket' })
  @ApiBadRequestResponse({ description: 'Every invalid field is named in `errors`; nothing is started' })
  @RequiresRole('coordinator')
  @ApiForbiddenResponse({ description: 'Not a coordinator, or not acting for the request\'s partner tenant' })
  async open(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateServiceRequestDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OpenedTicket> {
    const { created, ...ticket } = await this.opener.open(principal, dto, idempotencyKey);
    res.status(created ? 201 : 200).location(`/service-requests/${encodeURIComponent(ticket.id)}`);
    return ticket;
  }

  @Get()
  @ApiOperation({ summary: 'Tickets from the read model, newest first, filtered, with cursor pagination' })
  @ApiBadRequestResponse({ description: 'Every invalid query parameter is named in `errors`' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListServiceRequestsQuery) {
    return this.queries.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: "The ticket's state as its stored events make it (its workflow's own when none is stored yet)" })
  @ApiNotFoundResponse()
  @PartnerTenantQuery()
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ticketIdPipe) id: string,
    @Query('partnerTenantId', optionalTenantIdPipe) partnerTenantId: string | undefined,
  ) {
    return this.queries.get(principal, { id, partnerTenantId });
  }

  @Get(':id/timeline')
  @ApiOperation({ summary: "The ticket's events, oldest first, with times and readable summaries" })
  @ApiNotFoundResponse()
  @PartnerTenantQuery()
  timeline(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ticketIdPipe) id: string,
    @Query('partnerTenantId', optionalTenantIdPipe) partnerTenantId: string | undefined,
  ) {
    return this.timelines.timeline(principal, { id, partnerTenantId });
  }

  @Sse(':id/timeline/stream')
  @ApiOperation({ summary: "Server-Sent Events: the ticket's history, then each new event live (resumes after Last-Event-ID)" })
  @ApiHeader({ name: 'last-event-id', required: false, description: 'Resume after this position (browsers send it on reconnection)' })
  @ApiNotFoundResponse()
  @PartnerTenantQuery()
  async timelineStream(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ticketIdPipe) id: string,
    @Query('partnerTenantId', optionalTenantIdPipe) partnerTenantId: string | undefined,
    @Req() request: Request,
    @Headers('last-event-id') lastEventId?: string,
  ): Promise<Observable<MessageEvent>> {
    const stream = await this.timelines.stream(principal, { id, partnerTenantId }, lastEventId);
    return this.liveStreams.open(stream, request);
  }

  @Post(':id/microsoft-response')
  @HttpCode(202)
  @ApiOperation({ summary: "Record Microsoft's initial response: ends the wait (and any escalation)" })
  @ApiAcceptedResponse({
    description:
      'The state once the answer is recorded (`responded`, or `closed` if it closed meanwhile); `recordingResponse: true` with the state so far when it could not be stored within 5 s: it will be',
  })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Not handing off or awaiting a response, or already answered: the message says which' })
  @RequiresRole('coordinator')
  @PartnerTenantQuery()
  respond(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ticketIdPipe) id: string,
    @Query('partnerTenantId', optionalTenantIdPipe) partnerTenantId: string | undefined,
    @Body() body: MicrosoftResponseDto,
  ) {
    return this.commands.recordMicrosoftResponse(principal, { id, partnerTenantId }, body);
  }

  @Post(':id/azure-access-granted')
  @HttpCode(202)
  @ApiOperation({ summary: "The indirect provider granted the reseller access to the customer's Azure account" })
  @ApiAcceptedResponse({
    description:
      'The state the ticket moved on to (handing off, awaiting the response, or closed); `grantingAccess: true` with the state so far when that took over 5 s',
  })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The ticket is not waiting for access: the message says what it is' })
  @RequiresRole('coordinator')
  @PartnerTenantQuery()
  grantAccess(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ticketIdPipe) id: string,
    @Query('partnerTenantId', optionalTenantIdPipe) partnerTenantId: string | undefined,
    @Body() body: AzureAccessGrantedDto,
  ) {
    return this.commands.grantAzureAccess(principal, { id, partnerTenantId }, body);
  }

  @Post(':id/severity')
  @ApiOperation({
    summary:
      'Change the severity while Microsoft’s response is awaited (the due time is recomputed from the filing time), or after it while the follow-up targets run (the round running is re-timed)',
  })
  @ApiOkResponse({ description: 'The new state (new `responseDueAt`, or re-timed `followUp`), its SeverityChanged event stored' })
  @ApiAcceptedResponse({
    description:
      'The change is accepted and shown in the state (`changingSeverity: true`), but its event could not be stored within 5 s (the database is slow or down): it will be once it is back',
  })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Neither awaiting a response nor following up after it, or the severity is already that' })
  @RequiresRole('coordinator')
  @PartnerTenantQuery()
  async changeSeverity(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ticketIdPipe) id: string,
    @Query('partnerTenantId', optionalTenantIdPipe) partnerTenantId: string | undefined,
    @Body() body: ChangeSeverityDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const ticket = await this.commands.changeSeverity(principal, { id, partnerTenantId }, body);
    res.status('changingSeverity' in ticket ? 202 : 200);
    return ticket;
  }

  @Post(':id/close')
  @ApiOperation({ summary: 'Close with a resolution; returns the final state' })
  @ApiOkResponse({ description: 'The final state' })
  @ApiAcceptedResponse({
    description:
      'The closure is accepted by the ticket (`closing: true`, with its state so far), but its events could not be stored within 5 s (the database is slow or down): they are stored once it is back',
  })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Already closed' })
  @RequiresRole('coordinator')
  @PartnerTenantQuery()
  async close(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ticketIdPipe) id: string,
    @Query('partnerTenantId', optionalTenantIdPipe) partnerTenantId: string | undefined,
    @Body() body: CloseServiceRequestDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const ticket = await this.commands.close(principal, { id, partnerTenantId }, body);
    res.status('closing' in ticket ? 202 : 200);
    return ticket;
  }

  @Post(':id/notes')
  @ApiOperation({ summary: "Send a note to Microsoft's ticket (Partner Center's NewNote); recorded on the timeline" })
  @ApiOkResponse({ description: 'Sent and recorded: the ticket state' })
  @ApiAcceptedResponse({ description: 'Accepted by the ticket (`sendingNote: true`), not sent and recorded within 5 s: it will be' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Not filed yet, already closed, or Microsoft refused the note' })
  @RequiresRole('coordinator')
  @PartnerTenantQuery()
  async sendNote(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ticketIdPipe) id: string,
    @Query('partnerTenantId', optionalTenantIdPipe) partnerTenantId: string | undefined,
    @Body() body: SendNoteDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const ticket = await this.commands.sendNote(principal, { id, partnerTenantId }, body);
    res.status('sendingNote' in ticket ? 202 : 200);
    return ticket;
  }

  @Post(':id/cancel')
  @HttpCode(202)
  @ApiOperation({ summary: 'Cancel the ticket: its workflow ends with the outcome "cancelled"' })
  @ApiAcceptedResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Already closed' })
  @RequiresRole('coordinator')
  @PartnerTenantQuery()
  cancel(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ticketIdPipe) id: string,
    @Query('partnerTenantId', optionalTenantIdPipe) partnerTenantId: string | undefined,
  ) {
    return this.commands.cancel(principal, { id, partnerTenantId });
  }
}
