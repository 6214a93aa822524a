// Partner Center's service request resources as they travel over HTTP: request bodies are PascalCase,
// response resources camelCase (https://learn.microsoft.com/partner-center/developer/service-request-resources).

export type ServiceRequestSeverity = 'critical' | 'moderate' | 'minimal';
export type ServiceRequestStatus = 'none' | 'open' | 'closed' | 'attention_needed';

export interface ServiceRequestContactBody {
  FirstName: string;
  LastName: string;
  Email: string;
  PhoneNumber?: string;
}

export interface ServiceRequestNoteBody {
  Text: string;
}

/** The organization the request is filed for; omitted, it is the partner's own. */
export interface ServiceRequestOrganizationBody {
  Id: string;
  Name?: string;
  PhoneNumbers?: string[];
}

/** `POST /v1/servicerequests/{agent-locale}` */
export interface CreateServiceRequestBody {
  Title: string;
  Description: string;
  Severity: ServiceRequestSeverity;
  SupportTopicId: string;
  SupportTopicName?: string;
  ProductName?: string;
  PrimaryContact: ServiceRequestContactBody;
  Organization?: ServiceRequestOrganizationBody;
  NewNote?: ServiceRequestNoteBody;
  CountryCode?: string;
}

/** `PATCH /v1/servicerequests/{id}` */
export interface UpdateServiceRequestBody {
  NewNote?: ServiceRequestNoteBody;
  Status?: 'open' | 'closed';
}

export interface ResourceAttributes<T extends string> {
  objectType: T;
}

export interface ServiceRequestOrganization {
  id: string;
  name: string;
  phoneNumbers: string[];
}

export interface ServiceRequestContact {
  contactId: string;
  firstName: string;
  lastName: string;
  email: string;
  phoneNumber?: string;
}

export interface ServiceRequestNote {
  createdByName: string;
  /** ISO 8601 */
  createdDate: string;
  text: string;
}

export interface ServiceRequestResource {
  /** A numeric string, e.g. "616122292874576". */
  id: string;
  title: string;
  description: string;
  severity: ServiceRequestSeverity;
  supportTopicId: string;
  supportTopicName: string;
  /** A name; older answers (the customer-list example) send the REST reference's int32 enum instead (1 = open). */
  status: ServiceRequestStatus | number;
  organization: ServiceRequestOrganization;
  primaryContact: ServiceRequestContact;
  productName?: string;
  createdDate: string;
  lastModifiedDate: string;
  lastClosedDate?: string;
  notes: ServiceRequestNote[];
  countryCode?: string;
  attributes: ResourceAttributes<'ServiceRequest'>;
}

export interface SupportTopic {
  name: string;
  description: string;
  /** A numeric string (the model declares an int32: the client turns one into its string). */
  id: string;
  attributes: ResourceAttributes<'SupportTopic'>;
}

/** A request Partner Center hands back to make: `uri` is relative to the version root (`/v1`). */
export interface ResourceLink {
  uri: string;
  method: string;
  headers: Array<{ key: string; value: string }>;
}

export interface ResourceCollection<T> {
  totalCount: number;
  items: T[];
  /** `next` while more pages follow: its headers carry the MS-ContinuationToken. */
  links?: { self?: ResourceLink; next?: ResourceLink };
  attributes: ResourceAttributes<'Collection'>;
}

/** The body of every error response, sent with the HTTP status. */
export interface PartnerCenterErrorBody {
  code: number;
  description: string;
  errorName?: string;
}
