const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const DATE_TIME = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** "14:03:22" in the browser's time zone. */
export const formatTime = (iso: string): string => TIME.format(new Date(iso));

/** "2 Mar, 14:03:22" in the browser's time zone. */
export const formatDateTime = (iso: string): string => DATE_TIME.format(new Date(iso));
