import { HttpException } from '@nestjs/common';

/** Partner Center's error body: `{ code, description, errorName }` sent with the HTTP status. */
export interface PartnerCenterErrorBody {
  code: number;
  description: string;
  errorName: string;
}

export class PartnerCenterException extends HttpException {
  constructor(status: number, errorName: string, description: string) {
    super({ code: status, description, errorName } satisfies PartnerCenterErrorBody, status);
  }
}

export const invalidInput = (description: string) => new PartnerCenterException(400, 'InvalidInput', description);

export const serviceRequestNotFound = (id: string) =>
  new PartnerCenterException(404, 'ServiceRequestNotFound', `No service request with id "${id}"`);
