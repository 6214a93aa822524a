import { channelFor, type AlertFormat } from './channels';

/** Incoming webhooks whose path is the credential: Slack's, and Microsoft Teams' (connectors, legacy and current). */
const CREDENTIAL_IN_PATH = [/^hooks\.slack\.com$/i, /(^|\.)webhook\.office\.com$/i, /^outlook\.office(365)?\.com$/i];
const HIDDEN = '…';
/** Characters of the path's second segment kept as a hint (a Slack team id, the start of a Teams GUID). */
const HINT_LENGTH = 4;

/**
 * A webhook URL as it may be shown: never its user info nor its query's values, where URLs carry tokens; and for a
 * subscription whose channel has its credential in the path (`slack`) or a Slack or Teams incoming webhook, only the
 * path's first segment and a hint of the second: `https://hooks.slack.com/services/T000…/…`. The fragment, never sent,
 * is dropped.
 */
export function redactedWebhookUrl(url: string, format: AlertFormat): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return HIDDEN;
  }
  const userInfo = parsed.username || parsed.password ? `${HIDDEN}@` : '';
  const pathIsCredential = channelFor(format)?.credentialInPath || CREDENTIAL_IN_PATH.some((host) => host.test(parsed.hostname));
  const path = pathIsCredential ? redactedPath(parsed.pathname) : parsed.pathname;
  const names = [...new Set(parsed.searchParams.keys())];
  const query = parsed.search ? `?${names.map((name) => `${encodeURIComponent(name)}=${HIDDEN}`).join('&')}` : '';
  return `${parsed.protocol}//${userInfo}${parsed.host}${path}${query}`;
}

function redactedPath(pathname: string): string {
  const [first, second, ...rest] = pathname.split('/').filter(Boolean);
  if (first === undefined) return '/';
  const shown = [first];
  if (second !== undefined) shown.push(`${second.slice(0, Math.min(HINT_LENGTH, second.length - 1))}${HIDDEN}`);
  if (rest.length > 0) shown.push(HIDDEN);
  return `/${shown.join('/')}`;
}
