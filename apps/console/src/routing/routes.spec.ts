import { monthlyReportHref, routeOf, safeReturnPath, signInHref, ticketHref } from './routes';

const PARTNER = '22222222-2222-2222-2222-222222222222';

describe('routeOf', () => {
  it('maps the console paths to pages', () => {
    expect(routeOf('/')).toEqual({ page: 'board' });
    expect(routeOf('/sla')).toEqual({ page: 'sla' });
    expect(routeOf('/tickets/INC-1')).toEqual({ page: 'ticket', id: 'INC-1' });
    expect(routeOf('/tickets/INC-1', `?partnerTenantId=${PARTNER}`)).toEqual({ page: 'ticket', id: 'INC-1', partnerTenantId: PARTNER });
    expect(routeOf('/sign-in')).toEqual({ page: 'sign-in', next: '/' });
    expect(routeOf('/tickets/new')).toEqual({ page: 'new-ticket' });
    expect(routeOf('/tickets/new-1')).toEqual({ page: 'ticket', id: 'new-1' });
    expect(routeOf('/elsewhere')).toEqual({ page: 'not-found' });
  });

  it("round-trips a monthly report's customer and month through its link", () => {
    const href = monthlyReportHref({ customer: 'contoso.com', month: '2026-11' });
    expect(href).toBe('/sla/monthly?customer=contoso.com&month=2026-11');
    const [pathname, search] = href.split('?');
    expect(routeOf(pathname, `?${search}`)).toEqual({ page: 'sla-monthly', customer: 'contoso.com', month: '2026-11' });
    expect(monthlyReportHref({})).toBe('/sla/monthly');
    expect(routeOf('/sla/monthly')).toEqual({ page: 'sla-monthly' });
  });

  it("round-trips a ticket's id and partner tenant through its link", () => {
    const href = ticketHref({ id: 'a b/c', partnerTenantId: PARTNER });
    expect(href).toBe(`/tickets/a%20b%2Fc?partnerTenantId=${PARTNER}`);
    const [pathname, search] = href.split('?');
    expect(routeOf(pathname, `?${search}`)).toEqual({ page: 'ticket', id: 'a b/c', partnerTenantId: PARTNER });
    expect(ticketHref({ id: 'INC-1' })).toBe('/tickets/INC-1');
  });
});

describe('coming back after signing in', () => {
  it('returns to the page that needed the session', () => {
    const page = `/tickets/INC-1?partnerTenantId=${PARTNER}`;
    const href = signInHref(page);
    const [pathname, search] = href.split('?');
    expect(routeOf(pathname, `?${search}`)).toEqual({ page: 'sign-in', next: page });
    expect(signInHref('/')).toBe('/sign-in');
  });

  it('never returns to another site, nor to the sign-in page', () => {
    const elsewhere = ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'tickets/INC-1', '', null, '/sign-in', '/sign-in?next=/sla'];
    expect(elsewhere.map(safeReturnPath)).toEqual(elsewhere.map(() => '/'));
    expect(routeOf('/sign-in', '?next=%2F%2Fevil.example')).toEqual({ page: 'sign-in', next: '/' });
  });
});
