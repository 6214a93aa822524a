import { SetMetadata } from '@nestjs/common';

/** Partner Center's operations, by the name a fault window or the request log gives them. */
export const PARTNER_CENTER_OPERATIONS = ['create', 'get', 'update', 'list', 'list-for-customer', 'support-topics'] as const;

/** The token endpoint, Entra ID's: only a credential outage (kind 401) reaches it. */
export const TOKEN_OPERATION = 'token';

export type PartnerCenterOperation = (typeof PARTNER_CENTER_OPERATIONS)[number];
export type Operation = PartnerCenterOperation | typeof TOKEN_OPERATION;

export const OPERATIONS: readonly Operation[] = [...PARTNER_CENTER_OPERATIONS, TOKEN_OPERATION];

export const OPERATION_METADATA = 'simulator:operation';

/** Names a route's operation, for the fault windows and the request log. */
export const OperationName = (operation: Operation) => SetMetadata(OPERATION_METADATA, operation);
