import { PRODUCT_LABELS, type ServiceRequest, type Severity } from '@escalade/domain';
import {
  MicrosoftSupport,
  type FileServiceRequestCommand,
  type FiledServiceRequest,
  type MicrosoftAnswer,
  type MicrosoftProgress,
  type MicrosoftTicket,
} from '@escalade/microsoft-support';
import type { PartnerCenterClient } from './partner-center.client';
import { referenceOf, withReference } from './escalade-notes';
import { firstAnswerIn, progressOf, statusOf } from './service-request-reading';
import { SupportTopicCatalogue, type SupportTopicCatalogueOptions } from './support-topics/support-topic-catalogue';
import { withDefaultNames, type SupportTopicNameOverrides } from './support-topics/support-topic-names';
import { SupportTopicResolver } from './support-topics/support-topic-resolver';
import type { CreateServiceRequestBody, ServiceRequestContactBody, ServiceRequestSeverity } from './wire';

export const PARTNER_CENTER_SEVERITY: Record<Severity, ServiceRequestSeverity> = {
  A: 'critical',
  B: 'moderate',
  C: 'minimal',
};

export interface PartnerCenterMicrosoftSupportOptions {
  /** Support topics by name, over DEFAULT_SUPPORT_TOPIC_NAMES (SUPPORT_TOPICS_FILE). */
  supportTopicNames?: SupportTopicNameOverrides;
  /** How the list of support topics the names resolve against is kept (SUPPORT_TOPICS_TTL_MS). */
  supportTopicCatalogue?: SupportTopicCatalogueOptions;
}

/** Files service requests with Microsoft through Partner Center's REST API. */
export class PartnerCenterMicrosoftSupport extends MicrosoftSupport {
  /** Also read by the worker when it starts: every mapped name must be in Partner Center's list. */
  readonly supportTopics: SupportTopicResolver;

  constructor(
    private readonly client: PartnerCenterClient,
    options: PartnerCenterMicrosoftSupportOptions = {},
  ) {
    super();
    this.supportTopics = new SupportTopicResolver(
      new SupportTopicCatalogue(client, options.supportTopicCatalogue),
      withDefaultNames(options.supportTopicNames),
    );
  }

  async fileServiceRequest({ correlationId, target, request }: FileServiceRequestCommand): Promise<FiledServiceRequest> {
    const { customer } = request;
    const body: CreateServiceRequestBody = {
      Title: request.title,
      Description: `${request.description}\n\nCustomer: ${customer.name} (${customer.domain}, tenant ${customer.tenantId}). Portal: ${target.url}`,
      Severity: PARTNER_CENTER_SEVERITY[request.severity],
      SupportTopicId: request.supportTopicId ?? (await this.supportTopicId(request)),
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

  async sendNote(microsoftTicketId: string, { text, ref }: { text: string; ref: string }): Promise<void> {
    const { notes } = await this.client.getServiceRequest(microsoftTicketId);
    if ((notes ?? []).some((note) => referenceOf(note.text) === ref)) return;
    await this.client.updateServiceRequest(microsoftTicketId, { NewNote: { Text: withReference(text, ref) } });
  }

  async closeTicket(microsoftTicketId: string): Promise<'closed' | 'already-closed'> {
    if (statusOf((await this.client.getServiceRequest(microsoftTicketId)).status) === 'closed') return 'already-closed';
    await this.client.updateServiceRequest(microsoftTicketId, { Status: 'closed' });
    return 'closed';
  }

  private async supportTopicId({ product, category }: ServiceRequest): Promise<string> {
    if (product === 'marketplace') {
      throw new Error('Commercial-marketplace requests are never filed with Microsoft: they go to the ISV');
    }
    return this.supportTopics.idFor(product, category);
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
