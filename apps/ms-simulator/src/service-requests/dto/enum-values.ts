import { Transform } from 'class-transformer';

/**
 * Partner Center's enums as its .NET models define them, in order: JSON.NET binds a name in any case or the
 * member's number, so `"Critical"`, `"critical"` and `1` are the same severity.
 */
export const SEVERITY_MEMBERS = ['unknown', 'critical', 'moderate', 'minimal'] as const;
export const STATUS_MEMBERS = ['none', 'open', 'closed', 'attention_needed'] as const;

export function EnumMember(members: readonly string[]): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => {
    if (typeof value === 'number') return members[value] ?? value;
    return typeof value === 'string' ? value.toLowerCase() : value;
  });
}
