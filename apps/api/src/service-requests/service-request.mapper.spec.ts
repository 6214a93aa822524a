import { plainToInstance } from 'class-transformer';
import { aServiceRequest } from '@escalade/domain/testing';
import { CreateServiceRequestDto } from './dto/create-service-request.dto';
import { requestFingerprint, toServiceRequest } from './service-request.mapper';

const dtoOf = (body: object) => plainToInstance(CreateServiceRequestDto, body);

describe('toServiceRequest', () => {
  it('fills the documented defaults and drops the requestId', () => {
    const body = aServiceRequest();
    const { isPartnerOwnTenant: _own, ...customer } = body.customer;
    const { role, tenantId, name } = body.partner;
    const request = toServiceRequest(dtoOf({ ...body, requestId: 'r-1', customer, partner: { role, tenantId, name } }));
    expect(request).not.toHaveProperty('requestId');
    expect(request.customer.isPartnerOwnTenant).toBe(false);
    expect(request.partner).toEqual({
      role,
      tenantId,
      name,
      hasAdminPrivileges: false,
      azureAccessGranted: false,
      supportContract: 'none',
    });
  });
});

describe('requestFingerprint', () => {
  it('is the same for the same request whatever the key order or requestId', () => {
    const body = aServiceRequest();
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    expect(requestFingerprint(toServiceRequest(dtoOf({ ...body, requestId: 'a' })))).toBe(
      requestFingerprint(toServiceRequest(dtoOf(reordered))),
    );
  });

  it('differs when any field differs', () => {
    const body = aServiceRequest();
    expect(requestFingerprint(toServiceRequest(dtoOf(body)))).not.toBe(
      requestFingerprint(toServiceRequest(dtoOf({ ...body, contact: { ...body.contact, name: 'Someone else' } }))),
    );
  });
});
