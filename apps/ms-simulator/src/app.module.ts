// A stand-in for Microsoft behind Partner Center's service request API (/v1, same wire format), so the
// Partner Center adapter runs unchanged against it. It never pushes anything: Partner Center offers no
// webhook for service requests, so Escalade polls (the worker's watch poller lists every request,
// `GET /v1/servicerequests`, once an interval); polling is the one integration that works against both.
// It also plays Microsoft Entra ID's token endpoint, the App+User tokens Partner Center takes.
import { type DynamicModule, Module } from '@nestjs/common';
import { SupportEngineer } from './answering/support-engineer.service';
import { SIMULATOR_CONFIG, type SimulatorConfig } from './config/simulator-config';
import { AccessTokens } from './entra/access-tokens.service';
import { CLIENT_CERTIFICATE, ClientAuthentication } from './entra/client-authentication.service';
import { loadClientCertificate } from './entra/client-certificate';
import { EntraController } from './entra/entra.controller';
import { RefreshTokens } from './entra/refresh-tokens.service';
import { TokenEndpoint } from './entra/token-endpoint.service';
import { FaultWindows } from './faults/fault-windows.service';
import { FaultsController } from './faults/faults.controller';
import { RequestLog } from './faults/request-log.service';
import { CustomerServiceRequestsController } from './service-requests/customer-service-requests.controller';
import { ServiceRequestStore } from './service-requests/service-request.store';
import { ServiceRequestsController } from './service-requests/service-requests.controller';
import { ServiceRequestsService } from './service-requests/service-requests.service';
import { SimulatorController } from './simulator/simulator.controller';
import { SupportTopicsController } from './support-topics/support-topics.controller';

@Module({})
export class AppModule {
  static forRoot(config: SimulatorConfig): DynamicModule {
    // Read here, so a wrong certificate path stops the start with a message naming the variable.
    const certificatePath = config.SIMULATOR_CLIENT_CERTIFICATE_PATH;
    const certificate = certificatePath === undefined ? undefined : loadClientCertificate(certificatePath);
    return {
      module: AppModule,
      controllers: [
        // SupportTopicsController first: its route must be matched before `v1/servicerequests/:id`.
        SupportTopicsController,
        ServiceRequestsController,
        CustomerServiceRequestsController,
        EntraController,
        SimulatorController,
        FaultsController,
      ],
      providers: [
        { provide: SIMULATOR_CONFIG, useValue: config },
        { provide: CLIENT_CERTIFICATE, useValue: certificate },
        ServiceRequestStore,
        ServiceRequestsService,
        SupportEngineer,
        AccessTokens,
        RefreshTokens,
        ClientAuthentication,
        TokenEndpoint,
        FaultWindows,
        RequestLog,
      ],
    };
  }
}
