import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SupportEngineer } from '../answering/support-engineer.service';
import { invalidInput, serviceRequestNotFound } from '../errors/partner-center.exception';
import { findSupportTopic } from '../support-topics/support-topic.catalogue';
import type { CreateServiceRequestDto } from './dto/create-service-request.dto';
import type { UpdateServiceRequestDto } from './dto/update-service-request.dto';
import type { ServiceRequestResource } from './service-request.resource';
import { ServiceRequestStore } from './service-request.store';

/** Without an Organization in the body a request is the partner's own; the simulator does not know the partner's tenant. */
const PARTNER_ORGANIZATION = { id: 'partner-organization', name: 'Partner organization', phoneNumbers: [] };

@Injectable()
export class ServiceRequestsService {
  constructor(
    private readonly store: ServiceRequestStore,
    private readonly engineer: SupportEngineer,
  ) {}

  /** A create repeating an earlier MS-RequestId returns what that one created, and stores nothing new. */
  create(dto: CreateServiceRequestDto, requestId?: string): ServiceRequestResource {
    const earlier = requestId ? this.store.findByRequestId(requestId) : undefined;
    if (earlier) return earlier;
    const topic = findSupportTopic(dto.SupportTopicId);
    if (!topic) {
      throw invalidInput(`SupportTopicId: "${dto.SupportTopicId}" is not a support topic (GET /v1/servicerequests/supporttopics lists them)`);
    }
    const now = new Date();
    const at = now.toISOString();
    const contact = dto.PrimaryContact;
    const resource: ServiceRequestResource = {
      id: this.store.nextId(now),
      title: dto.Title,
      description: dto.Description,
      severity: dto.Severity,
      supportTopicId: topic.id,
      supportTopicName: topic.name,
      status: 'open',
      organization: dto.Organization
        ? { id: dto.Organization.Id, name: dto.Organization.Name ?? '', phoneNumbers: dto.Organization.PhoneNumbers ?? [] }
        : PARTNER_ORGANIZATION,
      primaryContact: {
        contactId: randomUUID(),
        firstName: contact.FirstName,
        lastName: contact.LastName,
        email: contact.Email,
        ...(contact.PhoneNumber === undefined ? {} : { phoneNumber: contact.PhoneNumber }),
      },
      ...(dto.ProductName === undefined ? {} : { productName: dto.ProductName }),
      createdDate: at,
      lastModifiedDate: at,
      notes: dto.NewNote ? [{ createdByName: fullName(contact.FirstName, contact.LastName), createdDate: at, text: dto.NewNote.Text }] : [],
      ...(dto.CountryCode === undefined ? {} : { countryCode: dto.CountryCode }),
      attributes: { objectType: 'ServiceRequest' },
    };
    this.store.add(resource, requestId);
    this.engineer.takeOn(resource);
    return resource;
  }

  get(id: string): ServiceRequestResource {
    const resource = this.store.get(id);
    if (!resource) throw serviceRequestNotFound(id);
    return resource;
  }

  update(id: string, patch: UpdateServiceRequestDto): ServiceRequestResource {
    if (!patch.NewNote && !patch.Status) throw invalidInput('Nothing to update: send NewNote, Status or both');
    const resource = this.get(id);
    const at = new Date().toISOString();
    if (patch.NewNote) {
      const { firstName, lastName } = resource.primaryContact;
      resource.notes.push({ createdByName: fullName(firstName, lastName), createdDate: at, text: patch.NewNote.Text });
      // The partner's note is taken as the information the engineer asked for.
      if (resource.status === 'attention_needed') resource.status = 'open';
    }
    if (patch.Status) resource.status = patch.Status;
    if (patch.Status === 'closed') {
      resource.lastClosedDate = at;
      this.store.cancelAnswer(id);
    }
    resource.lastModifiedDate = at;
    this.store.save(resource);
    return resource;
  }

  list(): ServiceRequestResource[] {
    return this.store.list();
  }

  listForCustomer(customerTenantId: string): ServiceRequestResource[] {
    return this.store.listByOrganization(customerTenantId);
  }
}

function fullName(firstName: string, lastName: string): string {
  return `${firstName} ${lastName}`.trim();
}
