/**
 * An e-mail address as it may be shown: the first character of the mailbox and the domain, `d***@contoso.com`. The
 * address is a person's, kept sealed with the subscription; this is enough to tell subscriptions apart.
 */
export function redactedEmailAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  return `${address[0]}***${address.slice(at)}`;
}
