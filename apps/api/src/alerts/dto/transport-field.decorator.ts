import { applyDecorators } from '@nestjs/common';
import { ValidateBy, ValidateIf, type ValidationArguments } from 'class-validator';
import { channelFor, DEFAULT_ALERT_FORMAT, type AlertTransport } from '@escalade/alerting';

/** How the subscription's format sends (its default's when absent); undefined for a format no channel serves. */
function transportOf({ format }: { format?: unknown }): AlertTransport | undefined {
  return channelFor(typeof format === 'string' ? format : DEFAULT_ALERT_FORMAT)?.transport;
}

/**
 * A field of the formats that send by `transport`: required for them (its own rules then say what is missing), refused
 * for the others with `<field> <problem>`. An unknown format is `format`'s problem alone.
 */
export function TransportField(transport: AlertTransport, problem: string): PropertyDecorator {
  return applyDecorators(
    ValidateIf((dto: { format?: unknown }, value: unknown) => value !== undefined || transportOf(dto) === transport),
    ValidateBy({
      name: 'transportField',
      validator: {
        validate: (_value: unknown, { object }: ValidationArguments) => [transport, undefined].includes(transportOf(object)),
        defaultMessage: ({ property }: ValidationArguments) => `${property} ${problem}`,
      },
    }),
  );
}
