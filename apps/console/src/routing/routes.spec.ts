import { routeOf, ticketHref } from './routes';

describe('routeOf', () => {
  it('maps the console paths to pages', () => {
    expect(routeOf('/')).toEqual({ page: 'board' });
    expect(routeOf('/sla')).toEqual({ page: 'sla' });
    expect(routeOf('/tickets/INC-1')).toEqual({ page: 'ticket', id: 'INC-1' });
    expect(routeOf('/elsewhere')).toEqual({ page: 'not-found' });
  });

  it('round-trips ticket ids through their link', () => {
    expect(routeOf(ticketHref('a b/c'))).toEqual({ page: 'ticket', id: 'a b/c' });
  });
});
