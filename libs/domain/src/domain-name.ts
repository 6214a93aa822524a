/** Domain names are case-insensitive; the lower-case, trimmed form is the one compared and put in URLs. */
export function normaliseDomain(domain: string): string {
  return domain.trim().toLowerCase();
}
