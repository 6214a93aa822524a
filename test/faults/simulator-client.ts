import { ENGINEER_NAME } from '@escalade/ms-simulator';
import { accessTokenFor, type ServiceRequestResource } from '@escalade/ms-simulator/testing';
import { JsonHttp } from './json-http';

export type { ServiceRequestResource };

/** The Microsoft support simulator, through Partner Center's API and its testing endpoints. */
export class SimulatorClient {
  private readonly http: JsonHttp;

  constructor(baseUrl: string) {
    this.http = new JsonHttp(baseUrl, { authorization: `Bearer ${accessTokenFor()}` });
  }

  /** Every service request filed for the customer: one ticket, one customer tenant, so these are its filings. */
  async filings(customerTenantId: string): Promise<ServiceRequestResource[]> {
    return (await this.http.ok<{ items: ServiceRequestResource[] }>('GET', `/v1/customers/${customerTenantId}/servicerequests`)).items;
  }

  /** Microsoft's support engineer answers now (the simulator's testing endpoint). */
  async answerNow(microsoftTicketId: string): Promise<void> {
    await this.http.ok('POST', `/simulator/servicerequests/${microsoftTicketId}/answer`, {});
  }

  async health(): Promise<{ serviceRequests: number }> {
    return this.http.ok('GET', '/simulator/health');
  }
}

/** When Microsoft answered, by Partner Center's clock: its engineer's first note. */
export function microsoftAnswerAt(resource: ServiceRequestResource): string | undefined {
  return resource.notes.find((note) => note.createdByName === ENGINEER_NAME)?.createdDate;
}
