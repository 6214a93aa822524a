const UNITS = [
  { suffix: 'd', ms: 86_400_000 },
  { suffix: 'h', ms: 3_600_000 },
  { suffix: 'm', ms: 60_000 },
  { suffix: 's', ms: 1_000 },
];

/** A duration in its two largest units, seconds at the finest: "2d 04h", "1h 05m", "4m 07s", "12s". */
export function formatDuration(ms: number): string {
  let rest = Math.max(0, Math.floor(ms / 1000)) * 1000;
  const parts: string[] = [];
  for (const { suffix, ms: unit } of UNITS) {
    const count = Math.floor(rest / unit);
    rest -= count * unit;
    if (parts.length > 0) parts.push(`${String(count).padStart(2, '0')}${suffix}`);
    else if (count > 0 || unit === 1_000) parts.push(`${count}${suffix}`);
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}
