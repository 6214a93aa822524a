import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SupportEngineer } from '../answering/support-engineer.service';
import { invalidInput, serviceRequestNotFound } from '../errors/partner-center.exception';
import { findSupportTopic } from '../support-topics/support-topic.catalogue';
import { SIMULATOR_SIGNED_IN_USER } from '../config/simulator-credentials';
import type { CreateServiceRequestDto } from './dto/create-service-request.dto';
import type { ContactDto, OrganizationDto } from './dto/parts.dto';
import type { UpdateServiceRequestDto } from './dto/update-service-request.dto';
import type { ServiceRequestResource } from './service-request.resource';
import { ServiceRequestStore } from './service-request.store';

type Contact = ServiceRequestResource['primaryContact'];

/** Without an Organization in the body a request is the partner's own; the simulator does not know the partner's tenant. */
const PARTNER_ORGANIZATION = { id: 'partner-organization', name: 'Partner organization', phoneNumbers: [] };

@Injectable()
export class ServiceRequestsService {
  constructor(
    private readonly store: ServiceRequestStore,
    private readonly engineer: SupportEngineer,
  ) {}

  /** A create repeating an earlier MS-RequestId returns what that one created, and stores nothing new. */
  create(dto: CreateServiceRequestDto, agentLocale: string, requestId?: string): ServiceRequestResource {
    const earlier = requestId ? this.store.findByRequestId(requestId) : undefined;
    if (earlier) return earlier;
    const topic = findSupportTopic(dto.SupportTopicId, agentLocale);
    if (!topic) {
      throw invalidInput(`SupportTopicId: "${dto.SupportTopicId}" is not a support topic (GET /v1/servicerequests/supporttopics lists them)`);
    }
    const now = new Date();
    const at = now.toISOString();
    const contact = contactOf(dto.PrimaryContact);
    const resource: ServiceRequestResource = {
      id: this.store.nextId(now),
      title: dto.Title,
      description: dto.Description,
      severity: dto.Severity,
      supportTopicId: topic.id,
      supportTopicName: topic.name,
      status: 'open',
      organization: dto.Organization ? organizationOf(dto.Organization) : PARTNER_ORGANIZATION,
      primaryContact: contact,
      ...(dto.ProductName ? { productName: dto.ProductName } : {}),
      createdDate: at,
      lastModifiedDate: at,
      notes: dto.NewNote ? [{ createdByName: fullName(contact), createdDate: at, text: dto.NewNote.Text }] : [],
      ...(dto.CountryCode ? { countryCode: dto.CountryCode } : {}),
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
    const status = patch.Status === 'none' ? undefined : patch.Status;
    if (!patch.NewNote && !status) throw invalidInput('Nothing to update: send NewNote, Status (open or closed) or both');
    const resource = this.get(id);
    const at = new Date().toISOString();
    if (patch.NewNote) {
      resource.notes.push({ createdByName: fullName(resource.primaryContact), createdDate: at, text: patch.NewNote.Text });
      // The partner's note is taken as the information the engineer asked for.
      if (resource.status === 'attention_needed') resource.status = 'open';
    }
    if (status) resource.status = status;
    if (status === 'closed') {
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

function fullName({ firstName, lastName }: Pick<Contact, 'firstName' | 'lastName'>): string {
  return `${firstName} ${lastName}`.trim();
}

/** Without a PrimaryContact the request's contact is the signed-in user, as in Microsoft's create example. */
function contactOf(dto: ContactDto | undefined): Contact {
  const user = SIMULATOR_SIGNED_IN_USER;
  if (!dto) return { contactId: user.objectId, firstName: user.givenName, lastName: user.familyName, email: user.upn };
  return {
    contactId: randomUUID(),
    firstName: dto.FirstName,
    lastName: dto.LastName,
    email: dto.Email,
    ...(dto.PhoneNumber === undefined ? {} : { phoneNumber: dto.PhoneNumber }),
  };
}

function organizationOf(dto: OrganizationDto): ServiceRequestResource['organization'] {
  const phoneNumbers = dto.PhoneNumbers ?? (dto.PhoneNumber ? [dto.PhoneNumber] : []);
  return { id: dto.Id, name: dto.Name ?? '', phoneNumbers };
}
