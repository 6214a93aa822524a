import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

const listeners = new Set<() => void>();

/** Goes to another page of the console; `replace` leaves no history entry (a redirect). */
export function navigate(path: string, { replace = false } = {}): void {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  listeners.forEach((listener) => listener());
}

const here = () => ({ pathname: location.pathname, search: location.search });

/** The current path and query, following links and the browser's back and forward buttons. */
export function useLocation(): { pathname: string; search: string } {
  const [current, setCurrent] = useState(here);
  useEffect(() => {
    const update = () => setCurrent(here());
    listeners.add(update);
    addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      removeEventListener('popstate', update);
    };
  }, []);
  return current;
}

/** A link that changes page without reloading (a modified click still opens a new tab). */
export function Link(props: { href: string; children: ComponentChildren; class?: string; current?: boolean }) {
  const { href, children, current } = props;
  const onClick = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} class={props.class} aria-current={current ? 'page' : undefined} onClick={onClick}>
      {children}
    </a>
  );
}
