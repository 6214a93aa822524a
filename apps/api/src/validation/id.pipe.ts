import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import {
  API_KEY_ID_PATTERN,
  API_KEY_ID_RULE,
  DELIVERY_ID_PATTERN,
  DELIVERY_ID_RULE,
  SUBSCRIPTION_ID_PATTERN,
  SUBSCRIPTION_ID_RULE,
  TICKET_ID_PATTERN,
  TENANT_ID_PATTERN,
  TENANT_ID_RULE,
  TICKET_ID_RULE,
} from './ids';
import { invalidRequest } from './validation-exception.factory';

/** A path parameter that must match its pattern: a 400 naming it otherwise, before anything looks it up. */
export class IdPipe implements PipeTransform<unknown, string> {
  constructor(
    private readonly pattern: RegExp,
    private readonly rule: string,
  ) {}

  transform(value: unknown, { data }: ArgumentMetadata): string {
    if (typeof value === 'string' && this.pattern.test(value)) return value;
    const field = data ?? 'id';
    throw invalidRequest([{ field, problems: [`${field} ${this.rule}`] }]);
  }
}

export const ticketIdPipe = new IdPipe(TICKET_ID_PATTERN, TICKET_ID_RULE);
export const subscriptionIdPipe = new IdPipe(SUBSCRIPTION_ID_PATTERN, SUBSCRIPTION_ID_RULE);
export const deliveryIdPipe = new IdPipe(DELIVERY_ID_PATTERN, DELIVERY_ID_RULE);
export const apiKeyIdPipe = new IdPipe(API_KEY_ID_PATTERN, API_KEY_ID_RULE);

/** An optional query parameter naming a partner tenant: absent stays undefined, anything else must be a tenant id. */
export const optionalTenantIdPipe: PipeTransform<unknown, string | undefined> = {
  transform: (value: unknown, metadata: ArgumentMetadata) =>
    value === undefined ? undefined : new IdPipe(TENANT_ID_PATTERN, TENANT_ID_RULE).transform(value, metadata).toLowerCase(),
};
