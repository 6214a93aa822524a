import type { PartnerCenterErrorBody } from '../errors/partner-center.exception';
import type { ServiceRequestResource } from '../service-requests/service-request.resource';
import type { RunningSimulator } from './start-simulator';

export type { PartnerCenterErrorBody, ServiceRequestResource };

/** A valid create body, PascalCase as a Partner Center client sends it. */
export function aCreateBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Title: 'VMs unreachable',
    Description: 'Every VM in the production subscription stopped answering.',
    Severity: 'critical',
    SupportTopicId: '32570010',
    ProductName: 'Azure',
    PrimaryContact: { FirstName: 'Ada', LastName: 'Support', Email: 'ada@fabrikam.com', PhoneNumber: '+33 1 23 45 67 89' },
    Organization: { Id: '11111111-1111-1111-1111-111111111111', Name: 'Contoso Ltd' },
    ...overrides,
  };
}

/** Calls the simulator as a Partner Center client does: a valid access token, JSON. */
export function callSimulator(
  simulator: Pick<RunningSimulator, 'baseUrl' | 'accessToken'>,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return fetch(`${simulator.baseUrl}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${simulator.accessToken()}`,
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The parsed JSON body, typed as the caller expects it. */
export async function readJson<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}
