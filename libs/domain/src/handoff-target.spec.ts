import { decideHandoffTarget } from './handoff-target';
import { aServiceRequest } from './testing';

const M365_SUPPORT_URL = 'https://admin.microsoft.com/Adminportal/Home#/support';

describe('decideHandoffTarget', () => {
  describe('Azure', () => {
    it('given a partner with admin privileges, when handing off, then the Azure portal opens in the customer directory under the CSP plan', () => {
      const request = aServiceRequest({ partner: { hasAdminPrivileges: true } });

      expect(decideHandoffTarget(request)).toStrictEqual({
        portal: 'azure-portal',
        url: 'https://portal.azure.com/#@contoso.com',
        context: 'customer',
        supportPlan: 'Cloud Solution Provider',
      });
    });

    it('given a partner without admin privileges, when handing off, then the portal opens on the customer domain path', () => {
      const request = aServiceRequest({ partner: { hasAdminPrivileges: false } });

      expect(decideHandoffTarget(request)).toStrictEqual({
        portal: 'azure-portal',
        url: 'https://portal.azure.com/contoso.com',
        context: 'customer',
        supportPlan: 'Cloud Solution Provider',
      });
    });

    it('given the partner own tenant, when handing off, then the plain portal opens in the partner context under its entitlement', () => {
      const request = aServiceRequest({
        customer: { isPartnerOwnTenant: true },
        partner: { supportPlanEntitlement: ' Premier 12345 ' },
      });

      expect(decideHandoffTarget(request)).toStrictEqual({
        portal: 'azure-portal',
        url: 'https://portal.azure.com/',
        context: 'partner',
        supportPlan: 'Premier 12345',
      });
    });

    it('given the partner own tenant without an entitlement, when handing off, then it throws', () => {
      const request = aServiceRequest({ customer: { isPartnerOwnTenant: true } });

      expect(() => decideHandoffTarget(request)).toThrow("partner's own tenant needs a support-plan entitlement");
    });

    it('given a customer domain with capitals and spaces, when handing off, then the URL carries it lower-cased and trimmed', () => {
      const admin = aServiceRequest({ customer: { domain: '  Contoso.COM ' } });
      const noAdmin = aServiceRequest({ customer: { domain: '  Contoso.COM ' }, partner: { hasAdminPrivileges: false } });

      expect(decideHandoffTarget(admin).url).toBe('https://portal.azure.com/#@contoso.com');
      expect(decideHandoffTarget(noAdmin).url).toBe('https://portal.azure.com/contoso.com');
    });

    it('given a blank customer domain, when handing off, then it throws', () => {
      expect(() => decideHandoffTarget(aServiceRequest({ customer: { domain: ' ' } }))).toThrow('needs the customer domain');
    });
  });

  describe('Microsoft 365 admin center', () => {
    it.each([
      ['office365', 'technical', 'Office 365 — Technical'],
      ['office365', 'billing-dispute', 'Office 365 — Billing dispute'],
      ['dynamics365', 'technical', 'Dynamics 365 — Technical'],
      ['dynamics365', 'fraud', 'Dynamics 365 — Fraud'],
      ['ems', 'subscription-management', 'Enterprise Mobility + Security — Subscription management'],
      ['ems', 'licensing', 'Enterprise Mobility + Security — Licensing'],
      ['office365', 'billing', 'Office 365 — Billing'],
    ] as const)(
      'given a %s %s request for a customer, when handing off, then the admin center opens in the customer context with "%s"',
      (product, category, supportCategory) => {
        expect(decideHandoffTarget(aServiceRequest({ product, category }))).toStrictEqual({
          portal: 'microsoft-365-admin-center',
          url: M365_SUPPORT_URL,
          context: 'customer',
          supportCategory,
        });
      },
    );

    it('given an Office 365 request for the partner own tenant, when handing off, then the admin center opens in the partner context', () => {
      const request = aServiceRequest({
        product: 'office365',
        customer: { isPartnerOwnTenant: true },
        partner: { supportPlanEntitlement: 'MPN-4242' },
      });

      expect(decideHandoffTarget(request)).toMatchObject({ portal: 'microsoft-365-admin-center', context: 'partner' });
    });
  });

  describe('commercial marketplace', () => {
    it('given a marketplace request, when handing off, then it throws: it never goes to Microsoft', () => {
      expect(() => decideHandoffTarget(aServiceRequest({ product: 'marketplace' }))).toThrow('never handed off to Microsoft');
    });
  });
});
