import { BoardPage } from './board/board-page';
import { Link, useLocationPath } from './routing/navigation';
import { routeOf, type Route } from './routing/routes';
import { SlaPage } from './sla/sla-page';
import { TicketPage } from './ticket/ticket-page';

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'board':
      return <BoardPage />;
    case 'ticket':
      return <TicketPage key={route.id} id={route.id} />;
    case 'sla':
      return <SlaPage />;
    case 'not-found':
      return (
        <section class="page">
          <h1>Page not found</h1>
          <Link href="/">Back to the board</Link>
        </section>
      );
  }
}

export function App() {
  const route = routeOf(useLocationPath());
  return (
    <>
      <header class="app-header">
        <span class="brand">Escalade</span>
        <nav aria-label="Console">
          <Link href="/" current={route.page === 'board'}>
            Board
          </Link>
          <Link href="/sla" current={route.page === 'sla'}>
            SLA summary
          </Link>
        </nav>
      </header>
      <main>
        <Page route={route} />
      </main>
    </>
  );
}
