import { Body, Controller, Get, Headers, HttpCode, type MessageEvent, Param, Post, Query, Res, Sse } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Observable } from 'rxjs';
import { ListServiceRequestsQuery } from './dto/list-service-requests.query';
import { CreateServiceRequestDto } from './dto/create-service-request.dto';
import { AzureAccessGrantedDto, ChangeSeverityDto, CloseServiceRequestDto, MicrosoftResponseDto, SendNoteDto } from './dto/ticket-actions.dto';
import { ServiceRequestsService, type OpenedTicket } from './service-requests.service';
import { ticketIdPipe } from '../validation/id.pipe';

@ApiTags('service-requests')
@Controller('service-requests')
export class ServiceRequestsController {
  constructor(private readonly serviceRequests: ServiceRequestsService) {}

  @Post()
  @ApiOperation({ summary: 'Open a ticket: starts its workflow (201), or returns the ticket an earlier identical request opened (200)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same role as requestId; repeats never open a second ticket' })
  @ApiBadRequestResponse({ description: 'Every invalid field is named in `errors`; nothing is started' })
  async open(
    @Body() dto: CreateServiceRequestDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Omit<OpenedTicket, 'created'>> {
    const { created, ...ticket } = await this.serviceRequests.open(dto, idempotencyKey);
    res.status(created ? 201 : 200).location(`/service-requests/${encodeURIComponent(ticket.id)}`);
    return ticket;
  }

  @Get()
  @ApiOperation({ summary: 'Tickets from the read model, newest first, filtered, with cursor pagination' })
  @ApiBadRequestResponse({ description: 'Every invalid query parameter is named in `errors`' })
  list(@Query() query: ListServiceRequestsQuery) {
    return this.serviceRequests.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: "The ticket's current state" })
  @ApiNotFoundResponse()
  get(@Param('id', ticketIdPipe) id: string) {
    return this.serviceRequests.get(id);
  }

  @Get(':id/timeline')
  @ApiOperation({ summary: "The ticket's events, oldest first, with times and readable summaries" })
  @ApiNotFoundResponse()
  timeline(@Param('id', ticketIdPipe) id: string) {
    return this.serviceRequests.timeline(id);
  }

  @Sse(':id/timeline/stream')
  @ApiOperation({ summary: "Server-Sent Events: the ticket's history, then each new event live (resumes after Last-Event-ID)" })
  @ApiHeader({ name: 'last-event-id', required: false, description: 'Resume after this position (browsers send it on reconnection)' })
  @ApiNotFoundResponse()
  timelineStream(
    @Param('id', ticketIdPipe) id: string,
    @Headers('last-event-id') lastEventId?: string,
  ): Promise<Observable<MessageEvent>> {
    return this.serviceRequests.timelineStream(id, lastEventId);
  }

  @Post(':id/microsoft-response')
  @HttpCode(202)
  @ApiOperation({ summary: "Record Microsoft's initial response: ends the wait (and any escalation)" })
  @ApiAcceptedResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The ticket is not waiting for a response' })
  respond(@Param('id', ticketIdPipe) id: string, @Body() body: MicrosoftResponseDto) {
    return this.serviceRequests.recordMicrosoftResponse(id, body);
  }

  @Post(':id/azure-access-granted')
  @HttpCode(202)
  @ApiOperation({ summary: "The indirect provider granted the reseller access to the customer's Azure account" })
  @ApiAcceptedResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The ticket is not waiting for access' })
  grantAccess(@Param('id', ticketIdPipe) id: string, @Body() body: AzureAccessGrantedDto) {
    return this.serviceRequests.grantAzureAccess(id, body);
  }

  @Post(':id/severity')
  @ApiOperation({
    summary: 'Change the severity while Microsoft’s response is awaited: the due time is recomputed from the filing time',
  })
  @ApiOkResponse({ description: 'The new state (new `responseDueAt`), its SeverityChanged event stored' })
  @ApiAcceptedResponse({
    description:
      'The change is accepted and shown in the state (`changingSeverity: true`), but its event could not be stored within 5 s (the database is slow or down): it will be once it is back',
  })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Not awaiting a response, or the severity is already that' })
  async changeSeverity(@Param('id', ticketIdPipe) id: string, @Body() body: ChangeSeverityDto, @Res({ passthrough: true }) res: Response) {
    const ticket = await this.serviceRequests.changeSeverity(id, body);
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
  async close(@Param('id', ticketIdPipe) id: string, @Body() body: CloseServiceRequestDto, @Res({ passthrough: true }) res: Response) {
    const ticket = await this.serviceRequests.close(id, body);
    res.status('closing' in ticket ? 202 : 200);
    return ticket;
  }

  @Post(':id/notes')
  @ApiOperation({ summary: "Send a note to Microsoft's ticket (Partner Center's NewNote); recorded on the timeline" })
  @ApiOkResponse({ description: 'Sent and recorded: the ticket state' })
  @ApiAcceptedResponse({ description: 'Accepted by the ticket (`sendingNote: true`), not sent and recorded within 5 s: it will be' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Not filed yet, already closed, or Microsoft refused the note' })
  async sendNote(@Param('id', ticketIdPipe) id: string, @Body() body: SendNoteDto, @Res({ passthrough: true }) res: Response) {
    const ticket = await this.serviceRequests.sendNote(id, body);
    res.status('sendingNote' in ticket ? 202 : 200);
    return ticket;
  }

  @Post(':id/cancel')
  @HttpCode(202)
  @ApiOperation({ summary: 'Cancel the ticket: its workflow ends with the outcome "cancelled"' })
  @ApiAcceptedResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Already closed' })
  cancel(@Param('id', ticketIdPipe) id: string) {
    return this.serviceRequests.cancel(id);
  }
}
