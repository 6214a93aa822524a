import { SimulatedAnswer } from './simulated-answer';

/** Partner Center's error body: `{ code, description, errorName }` sent with the HTTP status. */
export interface PartnerCenterErrorBody {
  code: number;
  description: string;
  errorName: string;
}

export class PartnerCenterException extends SimulatedAnswer {
  constructor(status: number, errorName: string, description: string, headers: Record<string, string> = {}) {
    super(status, { code: status, description, errorName } satisfies PartnerCenterErrorBody, headers);
  }
}

export const invalidInput = (description: string) => new PartnerCenterException(400, 'InvalidInput', description);

export const serviceRequestNotFound = (id: string) =>
  new PartnerCenterException(404, 'ServiceRequestNotFound', `No service request with id "${id}"`);

/** Partner Center names the scheme it expects in WWW-Authenticate, as its error-codes page shows. */
export const unauthorized = (description: string) =>
  new PartnerCenterException(401, 'Unauthorized', description, { 'WWW-Authenticate': 'Bearer realm="api.partnercenter.microsoft.com"' });
