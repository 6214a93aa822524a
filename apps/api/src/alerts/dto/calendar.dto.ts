import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsDefined, Matches, ValidateBy, type ValidationArguments } from 'class-validator';
import { isValidTimeZone, type BusinessCalendar } from '@escalade/domain';
import { NestedObject, OptionalField } from '../../validation/field.decorators';

const DAY_MINUTES = 24 * 60;
const MAX_RANGES = 24;
const MAX_HOLIDAYS = 366;
const RANGES_SCHEMA = { type: 'array', items: { type: 'array', items: { type: 'integer', minimum: 0, maximum: DAY_MINUTES }, minItems: 2, maxItems: 2 } } as const;

const isRange = (range: unknown): boolean =>
  Array.isArray(range) &&
  range.length === 2 &&
  range.every((minute) => Number.isInteger(minute) && minute >= 0 && minute <= DAY_MINUTES) &&
  range[0] < range[1];

/** A weekday's working ranges: at most MAX_RANGES `[startMinute, endMinute]` of local time, 0 ≤ start < end ≤ 1440. */
function WorkingRanges(): PropertyDecorator {
  return ValidateBy({
    name: 'workingRanges',
    validator: {
      validate: (value: unknown) => Array.isArray(value) && value.length <= MAX_RANGES && value.every(isRange),
      defaultMessage: ({ property }: ValidationArguments) =>
        `calendar.week.${property} must be up to ${MAX_RANGES} [startMinute, endMinute] ranges, whole minutes from midnight with 0 ≤ start < end ≤ ${DAY_MINUTES}`,
    },
  });
}

/** The working week, by ISO weekday: "1" = Monday … "7" = Sunday; a day left out has no working time. */
export class WeekDto {
  @ApiPropertyOptional({ ...RANGES_SCHEMA, description: 'Monday', example: [[540, 1020]] })
  @OptionalField()
  @WorkingRanges()
  '1'?: Array<[number, number]>;

  @ApiPropertyOptional({ ...RANGES_SCHEMA, description: 'Tuesday' })
  @OptionalField()
  @WorkingRanges()
  '2'?: Array<[number, number]>;

  @ApiPropertyOptional({ ...RANGES_SCHEMA, description: 'Wednesday' })
  @OptionalField()
  @WorkingRanges()
  '3'?: Array<[number, number]>;

  @ApiPropertyOptional({ ...RANGES_SCHEMA, description: 'Thursday' })
  @OptionalField()
  @WorkingRanges()
  '4'?: Array<[number, number]>;

  @ApiPropertyOptional({ ...RANGES_SCHEMA, description: 'Friday' })
  @OptionalField()
  @WorkingRanges()
  '5'?: Array<[number, number]>;

  @ApiPropertyOptional({ ...RANGES_SCHEMA, description: 'Saturday' })
  @OptionalField()
  @WorkingRanges()
  '6'?: Array<[number, number]>;

  @ApiPropertyOptional({ ...RANGES_SCHEMA, description: 'Sunday' })
  @OptionalField()
  @WorkingRanges()
  '7'?: Array<[number, number]>;
}

/** A week without a single range would hold every alert below severity A for ever. */
function WithWorkingTime(): PropertyDecorator {
  return ValidateBy({
    name: 'withWorkingTime',
    validator: {
      validate: (week: unknown) =>
        typeof week !== 'object' || week === null || Object.values(week).some((ranges) => Array.isArray(ranges) && ranges.length > 0),
      defaultMessage: () => 'calendar.week has no working time: give at least one day a range',
    },
  });
}

/** The recipient's hours, as the SLA policy's calendars: alerts below severity A raised outside them wait for the next opening. */
export class CalendarDto implements BusinessCalendar {
  @ApiProperty({ example: 'Europe/Paris', description: 'An IANA time zone name' })
  @ValidateBy({
    name: 'isTimeZone',
    validator: {
      validate: isValidTimeZone,
      defaultMessage: () => 'calendar.timeZone must be an IANA time zone name such as "Europe/Paris" or "UTC"',
    },
  })
  timeZone!: string;

  @ApiProperty({ type: WeekDto })
  @IsDefined({ message: 'calendar.week must name the working ranges of at least one ISO weekday ("1" = Monday … "7" = Sunday)' })
  @NestedObject(() => WeekDto)
  @WithWorkingTime()
  week!: WeekDto;

  @ApiPropertyOptional({ type: [String], format: 'date', maxItems: MAX_HOLIDAYS, example: ['2026-12-25'], description: 'Local dates with no working time' })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(MAX_HOLIDAYS)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { each: true, message: 'each value in calendar.holidays must be a local date YYYY-MM-DD' })
  holidays: string[] = [];
}
