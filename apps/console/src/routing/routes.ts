export type Route = { page: 'board' } | { page: 'ticket'; id: string } | { page: 'sla' } | { page: 'not-found' };

/** The page of a path: `/`, `/tickets/:id`, `/sla` (the paths the API answers with the console). */
export function routeOf(pathname: string): Route {
  if (pathname === '/') return { page: 'board' };
  if (pathname === '/sla') return { page: 'sla' };
  const ticket = /^\/tickets\/([^/]+)$/.exec(pathname);
  if (ticket) return { page: 'ticket', id: decodeURIComponent(ticket[1]) };
  return { page: 'not-found' };
}

export const ticketHref = (id: string): string => `/tickets/${encodeURIComponent(id)}`;
