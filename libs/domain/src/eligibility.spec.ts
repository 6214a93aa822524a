import { decideEligibility } from './eligibility';
import { aServiceRequest } from './testing';

describe('decideEligibility', () => {
  describe('eligible requests', () => {
    it('given the baseline Azure break/fix request, when deciding, then it is covered by the CSP benefit', () => {
      expect(decideEligibility(aServiceRequest())).toEqual({
        decision: 'eligible',
        reason: 'Covered by the CSP support benefit (Azure, break/fix)',
      });
    });

    it('given a billing request, when deciding, then it is eligible and noted as free', () => {
      const decision = decideEligibility(aServiceRequest({ product: 'office365', category: 'billing' }));

      expect(decision.decision).toBe('eligible');
      expect(decision.reason).toBe(
        'Covered by the CSP support benefit (Office 365, billing), which includes billing and subscription-management support for free',
      );
    });

    it.each(['office365', 'ems'] as const)(
      'given a %s technical request from a partner without any support contract, when deciding, then it is eligible',
      (product) => {
        expect(decideEligibility(aServiceRequest({ product })).decision).toBe('eligible');
      },
    );

    it('given a fraud report on Dynamics 365, when deciding, then it stays on the CSP route', () => {
      expect(decideEligibility(aServiceRequest({ product: 'dynamics365', category: 'fraud' })).decision).toBe('eligible');
    });
  });

  describe('phone channel', () => {
    it('given a request asking for phone support, when deciding, then it is refused: there is no phone channel', () => {
      expect(decideEligibility(aServiceRequest({ channel: 'phone' }))).toEqual({
        decision: 'refused',
        reason: 'The program has no phone channel: service requests are filed through Partner Center',
      });
    });
  });

  describe("contact details must be the partner's", () => {
    it.each(['it@contoso.com', 'it@eu.contoso.com', 'IT@Support.CONTOSO.com', 'it@contoso.com '])(
      'given the contact e-mail %s in the customer domain contoso.com, when deciding, then it is refused',
      (email) => {
        const decision = decideEligibility(aServiceRequest({ contact: { email } }));

        expect(decision.decision).toBe('refused');
        expect(decision.reason).toBe(
          "Contact details must be the partner's, not the customer's (the contact e-mail is in the customer's domain contoso.com)",
        );
      },
    );

    it('given a customer domain written in upper case, when the contact uses it in lower case, then it is refused', () => {
      const request = aServiceRequest({ customer: { domain: ' Contoso.COM ' }, contact: { email: 'it@contoso.com' } });

      expect(decideEligibility(request).decision).toBe('refused');
    });

    it.each(['ada@notcontoso.com', 'ada@contoso.com.evil.net', 'contoso.com@fabrikam.com'])(
      'given the contact e-mail %s outside the customer domain, when deciding, then it is eligible',
      (email) => {
        expect(decideEligibility(aServiceRequest({ contact: { email } })).decision).toBe('eligible');
      },
    );
  });

  describe("partner's own tenant", () => {
    it.each([undefined, '', '   '])(
      'given the partner own tenant and the entitlement %p, when deciding, then it is refused: not covered by the CSP benefit',
      (supportPlanEntitlement) => {
        const request = aServiceRequest({ customer: { isPartnerOwnTenant: true }, partner: { supportPlanEntitlement } });

        expect(decideEligibility(request)).toEqual({
          decision: 'refused',
          reason:
            "The partner's own tenant is not covered by the CSP support benefit: the request needs a support-plan entitlement such as an MPN contract ID, a Premier contract or an Azure support plan",
        });
      },
    );

    it('given the partner own tenant with a support-plan entitlement, when deciding, then it is eligible under that entitlement', () => {
      const request = aServiceRequest({
        customer: { isPartnerOwnTenant: true },
        partner: { supportPlanEntitlement: 'MPN-4242' },
      });

      expect(decideEligibility(request)).toEqual({
        decision: 'eligible',
        reason: "Filed for the partner's own tenant under support-plan entitlement MPN-4242 (Azure, break/fix)",
      });
    });
  });

  describe('Dynamics 365 incidents need ASfP or higher', () => {
    it('given a Dynamics 365 technical request from a partner without a contract, when deciding, then it is refused', () => {
      expect(decideEligibility(aServiceRequest({ product: 'dynamics365', partner: { supportContract: 'none' } }))).toEqual({
        decision: 'refused',
        reason:
          'Dynamics 365 incidents need an Advanced Support for Partners (ASfP) contract or higher (the partner holds: none)',
      });
    });

    it.each(['asfp', 'premier', 'unified'] as const)(
      'given a Dynamics 365 technical request from a partner holding %s, when deciding, then it is eligible',
      (supportContract) => {
        const decision = decideEligibility(aServiceRequest({ product: 'dynamics365', partner: { supportContract } }));

        expect(decision).toEqual({ decision: 'eligible', reason: 'Covered by the CSP support benefit (Dynamics 365, break/fix)' });
      },
    );
  });

  describe('redirects', () => {
    it.each([
      ['licensing', 'licensing'],
      ['billing', 'billing'],
      ['billing-dispute', 'billing dispute'],
      ['subscription-management', 'subscription management'],
    ] as const)('given a Dynamics 365 %s request, when deciding, then it is redirected to Dynamics support', (category, label) => {
      expect(decideEligibility(aServiceRequest({ product: 'dynamics365', category }))).toEqual({
        decision: 'redirected',
        reason: `Dynamics 365 ${label} questions go to Dynamics support, outside the CSP support route`,
        redirectTo: {
          kind: 'dynamics-support',
          name: 'Dynamics support',
          url: 'https://learn.microsoft.com/dynamics365/customer-engagement/admin/contact-technical-support',
        },
      });
    });

    it('given a marketplace product, when deciding, then it is redirected to its ISV with every contact it publishes', () => {
      const request = aServiceRequest({
        product: 'marketplace',
        marketplace: {
          productName: 'Northwind Backup',
          isv: {
            name: 'Northwind Traders',
            supportUrl: 'https://support.northwind.example',
            supportEmail: 'help@northwind.example',
            supportPhone: '+1 555 0100',
          },
        },
      });

      expect(decideEligibility(request)).toEqual({
        decision: 'redirected',
        reason:
          '"Northwind Backup" is a commercial-marketplace product and Microsoft gives no support for commercial-marketplace products: contact its publisher, Northwind Traders',
        redirectTo: {
          kind: 'isv',
          name: 'Northwind Traders',
          url: 'https://support.northwind.example',
          email: 'help@northwind.example',
          phone: '+1 555 0100',
        },
      });
    });

    it('given an ISV that publishes only an e-mail address, when redirecting, then the other contact keys are absent', () => {
      const request = aServiceRequest({
        product: 'marketplace',
        marketplace: { productName: 'Tiny Tool', isv: { name: 'Tiny ISV', supportEmail: 'help@tiny.example' } },
      });

      const { redirectTo } = decideEligibility(request);

      expect(redirectTo).toStrictEqual({ kind: 'isv', name: 'Tiny ISV', email: 'help@tiny.example' });
    });

    it('given a marketplace request without product details, when deciding, then it is still redirected to the publishing ISV', () => {
      const decision = decideEligibility(aServiceRequest({ product: 'marketplace' }));

      expect(decision.decision).toBe('redirected');
      expect(decision.redirectTo).toBeUndefined();
      expect(decision.reason).toContain("the product's marketplace page");
    });

    it('given a marketplace request that also breaks refusal rules, when deciding, then the redirect takes precedence', () => {
      const request = aServiceRequest({
        product: 'marketplace',
        channel: 'phone',
        contact: { email: 'it@contoso.com' },
        marketplace: { productName: 'Northwind Backup', isv: { name: 'Northwind Traders' } },
      });

      expect(decideEligibility(request).decision).toBe('redirected');
    });

    it('given a Dynamics 365 licensing request by phone without ASfP, when deciding, then the redirect takes precedence', () => {
      const request = aServiceRequest({ product: 'dynamics365', category: 'licensing', channel: 'phone' });

      expect(decideEligibility(request).redirectTo?.kind).toBe('dynamics-support');
    });
  });

  describe('Azure through an indirect reseller', () => {
    it('given a reseller without access to the customer Azure account, when deciding, then it needs access', () => {
      const request = aServiceRequest({ partner: { role: 'indirect-reseller', azureAccessGranted: false } });

      expect(decideEligibility(request)).toEqual({
        decision: 'needs-access',
        reason:
          "The indirect provider must grant the reseller access to the customer's Azure account before it can file (this is separate from admin-on-behalf-of for Office 365)",
      });
    });

    it('given a reseller granted access to the customer Azure account, when deciding, then it is eligible', () => {
      const request = aServiceRequest({ partner: { role: 'indirect-reseller', azureAccessGranted: true } });

      expect(decideEligibility(request).decision).toBe('eligible');
    });

    it('given an indirect provider without any granted Azure access, when deciding, then it is eligible', () => {
      const request = aServiceRequest({ partner: { role: 'indirect-provider', azureAccessGranted: false } });

      expect(decideEligibility(request).decision).toBe('eligible');
    });

    it('given a reseller without Azure access filing an Office 365 request, when deciding, then it is eligible', () => {
      const request = aServiceRequest({ product: 'office365', partner: { role: 'indirect-reseller', azureAccessGranted: false } });

      expect(decideEligibility(request).decision).toBe('eligible');
    });

    it('given a reseller filing for its own tenant with an entitlement, when deciding, then no customer access is needed', () => {
      const request = aServiceRequest({
        customer: { isPartnerOwnTenant: true },
        partner: { role: 'indirect-reseller', azureAccessGranted: false, supportPlanEntitlement: 'Azure support plan 77' },
      });

      expect(decideEligibility(request).decision).toBe('eligible');
    });

    it('given a reseller without access whose request is also refused, when deciding, then the refusal wins', () => {
      const request = aServiceRequest({ channel: 'phone', partner: { role: 'indirect-reseller', azureAccessGranted: false } });

      expect(decideEligibility(request).decision).toBe('refused');
    });
  });

  describe('several refusals', () => {
    it('given a request breaking every refusal rule, when deciding, then one reason names each of them in order', () => {
      const request = aServiceRequest({
        product: 'dynamics365',
        channel: 'phone',
        customer: { isPartnerOwnTenant: true, domain: 'fabrikam.com' },
        contact: { email: 'ada@fabrikam.com' },
        partner: { supportContract: 'none' },
      });

      const decision = decideEligibility(request);

      expect(decision.decision).toBe('refused');
      expect(decision.reason.split('; ')).toEqual([
        'The program has no phone channel: service requests are filed through Partner Center',
        "Contact details must be the partner's, not the customer's (the contact e-mail is in the customer's domain fabrikam.com)",
        "The partner's own tenant is not covered by the CSP support benefit: the request needs a support-plan entitlement such as an MPN contract ID, a Premier contract or an Azure support plan",
        'Dynamics 365 incidents need an Advanced Support for Partners (ASfP) contract or higher (the partner holds: none)',
      ]);
    });

    it('given a phone request with a customer contact, when deciding, then both reasons are joined by "; "', () => {
      const decision = decideEligibility(aServiceRequest({ channel: 'phone', contact: { email: 'it@contoso.com' } }));

      expect(decision).toEqual({
        decision: 'refused',
        reason:
          "The program has no phone channel: service requests are filed through Partner Center; Contact details must be the partner's, not the customer's (the contact e-mail is in the customer's domain contoso.com)",
      });
    });
  });
});
