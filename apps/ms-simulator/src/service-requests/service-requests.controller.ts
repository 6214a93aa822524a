import { Body, Controller, Get, Headers, Param, Patch, Post, Query, UseGuards, UsePipes } from '@nestjs/common';
import { invalidInput } from '../errors/partner-center.exception';
import { partnerCenterBodies } from '../errors/validation-pipes';
import { FaultGuard } from '../faults/fault.guard';
import { OperationName } from '../faults/operations';
import type { Collection } from '../http/collection';
import { pageOf } from '../http/paging';
import { AccessTokenGuard } from '../http/access-token.guard';
import { CreateServiceRequestDto } from './dto/create-service-request.dto';
import { UpdateServiceRequestDto } from './dto/update-service-request.dto';
import type { ServiceRequestResource } from './service-request.resource';
import { ServiceRequestsService } from './service-requests.service';

const LOCALE = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;

@Controller('v1/servicerequests')
@UseGuards(FaultGuard, AccessTokenGuard)
@UsePipes(partnerCenterBodies)
export class ServiceRequestsController {
  constructor(private readonly serviceRequests: ServiceRequestsService) {}

  @Post(':agentLocale')
  @OperationName('create')
  create(
    @Param('agentLocale') agentLocale: string,
    @Body() body: CreateServiceRequestDto,
    @Headers('ms-requestid') requestId?: string,
  ): ServiceRequestResource {
    if (!LOCALE.test(agentLocale)) throw invalidInput(`agent-locale: "${agentLocale}" is not a locale such as en-US`);
    return this.serviceRequests.create(body, agentLocale, requestId);
  }

  /** Every request of the partner, oldest first; `?size=` pages them. */
  @Get()
  @OperationName('list')
  list(@Query('size') size?: string, @Headers('ms-continuationtoken') continuationToken?: string): Collection<ServiceRequestResource> {
    return pageOf(this.serviceRequests.list(), '/servicerequests', { size, continuationToken });
  }

  @Get(':id')
  @OperationName('get')
  get(@Param('id') id: string): ServiceRequestResource {
    return this.serviceRequests.get(id);
  }

  @Patch(':id')
  @OperationName('update')
  update(@Param('id') id: string, @Body() body: UpdateServiceRequestDto): ServiceRequestResource {
    return this.serviceRequests.update(id, body);
  }
}
