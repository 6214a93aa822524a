// A stand-in for Microsoft behind Partner Center's service request API (/v1, same wire format), so the
// Partner Center adapter runs unchanged against it. It never pushes anything: Partner Center offers no
// webhook for service requests, so Escalade polls (the worker's watch poller lists every request,
// `GET /v1/servicerequests`, once an interval); polling is the one integration that works against both.
import { type DynamicModule, Module } from '@nestjs/common';
import { SupportEngineer } from './answering/support-engineer.service';
import { SIMULATOR_CONFIG, type SimulatorConfig } from './config/simulator-config';
import { CustomerServiceRequestsController } from './service-requests/customer-service-requests.controller';
import { ServiceRequestStore } from './service-requests/service-request.store';
import { ServiceRequestsController } from './service-requests/service-requests.controller';
import { ServiceRequestsService } from './service-requests/service-requests.service';
import { SimulatorController } from './simulator/simulator.controller';
import { SupportTopicsController } from './support-topics/support-topics.controller';

@Module({})
export class AppModule {
  static forRoot(config: SimulatorConfig): DynamicModule {
    return {
      module: AppModule,
      // SupportTopicsController first: its route must be matched before `v1/servicerequests/:id`.
      controllers: [SupportTopicsController, ServiceRequestsController, CustomerServiceRequestsController, SimulatorController],
      providers: [{ provide: SIMULATOR_CONFIG, useValue: config }, ServiceRequestStore, ServiceRequestsService, SupportEngineer],
    };
  }
}
