import { PRODUCT_LABELS, type Product, type ServiceRequest, type Severity } from '@escalade/domain';
import {
  MicrosoftSupport,
  type FileServiceRequestCommand,
  type FiledServiceRequest,
  type MicrosoftAnswer,
  type MicrosoftProgress,
  type MicrosoftTicket,
} from '@escalade/microsoft-support';
import type { PartnerCenterClient } from './partner-center.client';
import { firstAnswerIn, progressOf } from './service-request-reading';
import type { CreateServiceRequestBody, ServiceRequestContactBody, ServiceRequestNote, ServiceRequestSeverity, ServiceRequestStatus } from './wire';

/** Marketplace requests go to their ISV, never to Microsoft. */
export type HandedOffProduct = Exclude<Product, 'marketplace'>;

export const PARTNER_CENTER_SEVERITY: Record<Severity, ServiceRequestSeverity> = {
  A: 'critical',
  B: 'moderate',
  C: 'minimal',
};

/**
 * Ids from the simulator's catalogue (apps/ms-simulator). Against the real Partner Center, choose ids from
 * `listSupportTopics()` and pass them as the `supportTopics` option.
 */
export const DEFAULT_SUPPORT_TOPIC_IDS: Record<HandedOffProduct, string> = {
  azure: '32570010',
  office365: '32570020',
  dynamics365: '32570030',
  ems: '32570040',
};

export interface PartnerCenterMicrosoftSupportOptions {
  supportTopics?: Partial<Record<HandedOffProduct, string>>;
}

export interface ServiceRequestProgress {
  status: ServiceRequestStatus;
  notes: ServiceRequestNote[];
  lastModifiedDate: string;
}

/** Files service requests with Microsoft through Partner Center's REST API. */
export class PartnerCenterMicrosoftSupport extends MicrosoftSupport {
  private readonly supportTopics: Record<HandedOffProduct, string>;

  constructor(
    private readonly client: PartnerCenterClient,
    options: PartnerCenterMicrosoftSupportOptions = {},
  ) {
    super();
    this.supportTopics = { ...DEFAULT_SUPPORT_TOPIC_IDS, ...options.supportTopics };
  }

  async fileServiceRequest({ correlationId, target, request }: FileServiceRequestCommand): Promise<FiledServiceRequest> {
    const { customer } = request;
    const body: CreateServiceRequestBody = {
      Title: request.title,
      Description: `${request.description}\n\nCustomer: ${customer.name} (${customer.domain}, tenant ${customer.tenantId}). Portal: ${target.url}`,
      Severity: PARTNER_CENTER_SEVERITY[request.severity],
      SupportTopicId: request.supportTopicId ?? this.supportTopicId(request.product),
      ProductName: PRODUCT_LABELS[request.product],
      PrimaryContact: primaryContact(request),
      Organization: { Id: customer.tenantId, Name: customer.name },
    };
    const resource = await this.client.createServiceRequest(body, { requestId: correlationId, correlationId });
    return { microsoftTicketId: resource.id, createdAt: resource.createdDate };
  }

  /** Status and notes as Partner Center shows them: what the workflow follows once Microsoft has answered. */
  async getProgress(microsoftTicketId: string): Promise<MicrosoftProgress> {
    return progressOf(await this.client.getServiceRequest(microsoftTicketId));
  }

  /** Microsoft's first engagement (see `firstAnswerIn`), with the ticket as it stands. */
  async findAnswer(microsoftTicketId: string): Promise<MicrosoftAnswer | undefined> {
    const resource = await this.client.getServiceRequest(microsoftTicketId);
    const answer = firstAnswerIn(resource);
    return answer && { ...answer, progress: progressOf(resource) };
  }

  /** The partner's service requests, every page, each read as `findAnswer` and `getProgress` read one. */
  async listTickets(): Promise<MicrosoftTicket[]> {
    return (await this.client.listServiceRequests()).map((resource) => {
      const answer = firstAnswerIn(resource);
      return { microsoftTicketId: resource.id, progress: progressOf(resource), ...(answer ? { answer } : {}) };
    });
  }

  private supportTopicId(product: Product): string {
    if (product === 'marketplace') {
      throw new Error('Commercial-marketplace requests are never filed with Microsoft: they go to the ISV');
    }
    return this.supportTopics[product];
  }
}

/** The domain rules make the contact the partner's own; Partner Center wants the name in two parts. */
function primaryContact({ contact }: ServiceRequest): ServiceRequestContactBody {
  const words = contact.name.trim().split(/\s+/);
  const lastName = words.length > 1 ? words[words.length - 1] : '';
  return {
    FirstName: (lastName ? words.slice(0, -1) : words).join(' '),
    LastName: lastName,
    Email: contact.email,
    ...(contact.phone ? { PhoneNumber: contact.phone } : {}),
  };
}
