// Partner Center's service request resource as the simulator returns it (camelCase). Written from the Partner
// Center documentation apart from libs/partner-center, so that the contract tests check one against the other.

export type Severity = 'critical' | 'moderate' | 'minimal';
export const SEVERITIES: readonly Severity[] = ['critical', 'moderate', 'minimal'];

export type Status = 'none' | 'open' | 'closed' | 'attention_needed';

export interface Note {
  createdByName: string;
  createdDate: string;
  text: string;
}

export interface ServiceRequestResource {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  supportTopicId: string;
  supportTopicName: string;
  status: Status;
  organization: { id: string; name: string; phoneNumbers: string[] };
  primaryContact: { contactId: string; firstName: string; lastName: string; email: string; phoneNumber?: string };
  productName?: string;
  createdDate: string;
  lastModifiedDate: string;
  lastClosedDate?: string;
  notes: Note[];
  countryCode?: string;
  attributes: { objectType: 'ServiceRequest' };
}
