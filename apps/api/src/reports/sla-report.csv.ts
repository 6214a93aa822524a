import type { SlaMeasureGroup, SlaReport } from '@escalade/contract';

const COLUMNS: Array<[header: string, value: (group: SlaMeasureGroup) => string | number | null]> = [
  ['group', (group) => group.key],
  ['opened', (group) => group.opened],
  ['with_target', (group) => group.withTarget],
  ['breached', (group) => group.breached],
  ['breach_rate', (group) => (group.breachRate === null ? null : Math.round(group.breachRate * 10_000) / 10_000)],
  ['first_response_count', (group) => group.firstResponse.count],
  ['first_response_p50_min', (group) => group.firstResponse.p50],
  ['first_response_p90_min', (group) => group.firstResponse.p90],
  ['resolution_count', (group) => group.resolution.count],
  ['resolution_p50_min', (group) => group.resolution.p50],
  ['resolution_p90_min', (group) => group.resolution.p90],
  ['paused_min', (group) => group.pausedMinutes],
  ['update_misses', (group) => group.updateMisses],
  ['reply_misses', (group) => group.replyMisses],
];

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
const field = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The report's measures as CSV (`Accept: text/csv`): a header, a row per group, then the total (`all`). */
export function slaReportCsv({ measures }: SlaReport): string {
  const rows = [...measures.groups, measures.total].map((group) => COLUMNS.map(([, value]) => field(value(group))).join(','));
  return [COLUMNS.map(([header]) => header).join(','), ...rows].join('\r\n') + '\r\n';
}
