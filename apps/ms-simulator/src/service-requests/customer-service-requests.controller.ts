import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { collection, type Collection } from '../http/collection';
import { BearerTokenGuard } from '../http/bearer-token.guard';
import type { ServiceRequestResource } from './service-request.resource';
import { ServiceRequestsService } from './service-requests.service';

@Controller('v1/customers/:customerTenantId/servicerequests')
@UseGuards(BearerTokenGuard)
export class CustomerServiceRequestsController {
  constructor(private readonly serviceRequests: ServiceRequestsService) {}

  /** The requests filed for the customer: those whose Organization.Id is its tenant id. */
  @Get()
  list(@Param('customerTenantId') customerTenantId: string): Collection<ServiceRequestResource> {
    return collection(this.serviceRequests.listForCustomer(customerTenantId));
  }
}
