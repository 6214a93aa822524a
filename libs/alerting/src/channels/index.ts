import type { AlertChannel } from './alert-channel';
import { emailChannel } from './email.channel';
import { slackChannel } from './slack.channel';
import { teamsChannel } from './teams.channel';
import { webhookChannel } from './webhook.channel';

export * from './alert-channel';
export * from './email.channel';
export * from './slack.channel';
export * from './teams.channel';
export * from './webhook.channel';

/** Every channel. A new one is its adapter file beside these, a line here and its spec. */
export const ALERT_CHANNELS = [webhookChannel, slackChannel, teamsChannel, emailChannel] as const;

/** A subscription's format: the channel that renders its alerts. */
export type AlertFormat = (typeof ALERT_CHANNELS)[number]['format'];
export const ALERT_FORMATS: readonly AlertFormat[] = ALERT_CHANNELS.map((channel) => channel.format);
/** A subscription's format when it names none. */
export const DEFAULT_ALERT_FORMAT: AlertFormat = webhookChannel.format;

/** The channel among `channels` that serves `format`, if any. */
export function channelFor(format: string, channels: readonly AlertChannel[] = ALERT_CHANNELS): AlertChannel | undefined {
  return channels.find((channel) => channel.format === format);
}
