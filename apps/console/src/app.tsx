import { canAct, SessionGate, useSession } from './auth/session';
import { SessionMenu } from './auth/session-menu';
import { SignInPage } from './auth/sign-in-page';
import { BoardPage } from './board/board-page';
import { IntakePage } from './intake/intake-page';
import { Link, useLocation } from './routing/navigation';
import { NEW_TICKET_PATH, routeOf, type Route } from './routing/routes';
import { MonthlyReportPage } from './sla/monthly-report-page';
import { SlaPage } from './sla/sla-page';
import { TicketPage } from './ticket/ticket-page';

type SignedInRoute = Exclude<Route, { page: 'sign-in' }>;

function Page({ route }: { route: SignedInRoute }) {
  switch (route.page) {
    case 'board':
      return <BoardPage />;
    case 'new-ticket':
      return <IntakePage />;
    case 'ticket':
      return <TicketPage key={`${route.partnerTenantId ?? ''}~${route.id}`} id={route.id} partnerTenantId={route.partnerTenantId} />;
    case 'sla':
      return <SlaPage />;
    case 'sla-monthly':
      return <MonthlyReportPage customer={route.customer} month={route.month} />;
    case 'not-found':
      return (
        <section class="page">
          <h1>Page not found</h1>
          <Link href="/">Back to the board</Link>
        </section>
      );
  }
}

function Header({ route }: { route: SignedInRoute }) {
  const { role } = useSession();
  return (
    <header class="app-header">
      <span class="brand">Escalade</span>
      <nav aria-label="Console">
        <Link href="/" current={route.page === 'board'}>
          Board
        </Link>
        {canAct(role) && (
          <Link href={NEW_TICKET_PATH} current={route.page === 'new-ticket'}>
            New ticket
          </Link>
        )}
        <Link href="/sla" current={route.page === 'sla' || route.page === 'sla-monthly'}>
          SLA summary
        </Link>
      </nav>
      <SessionMenu />
    </header>
  );
}

/** The sign-in page stands alone; every other page needs a session, and shows who it is. */
export function App() {
  const { pathname, search } = useLocation();
  const route = routeOf(pathname, search);
  if (route.page === 'sign-in') {
    return (
      <>
        <header class="app-header">
          <span class="brand">Escalade</span>
        </header>
        <SignInPage next={route.next} />
      </>
    );
  }
  return (
    <SessionGate>
      <Header route={route} />
      <main>
        <Page route={route} />
      </main>
    </SessionGate>
  );
}
