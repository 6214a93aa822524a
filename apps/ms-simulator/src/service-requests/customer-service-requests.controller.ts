import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { FaultGuard } from '../faults/fault.guard';
import { OperationName } from '../faults/operations';
import { collection, type Collection } from '../http/collection';
import { AccessTokenGuard } from '../http/access-token.guard';
import type { ServiceRequestResource } from './service-request.resource';
import { ServiceRequestsService } from './service-requests.service';

@Controller('v1/customers/:customerTenantId/servicerequests')
@UseGuards(FaultGuard, AccessTokenGuard)
export class CustomerServiceRequestsController {
  constructor(private readonly serviceRequests: ServiceRequestsService) {}

  /** The requests filed for the customer: those whose Organization.Id is its tenant id. */
  @Get()
  @OperationName('list-for-customer')
  list(@Param('customerTenantId') customerTenantId: string): Collection<ServiceRequestResource> {
    return collection(this.serviceRequests.listForCustomer(customerTenantId));
  }
}
