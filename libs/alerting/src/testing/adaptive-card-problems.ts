// The SDK's main entry is ES modules importing more of them, which Node's require (the tools run TypeScript through
// it) cannot load; its one-file build is CommonJS and the same code.
const { AdaptiveCard, SerializationContext, Version } = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

/**
 * What Microsoft's own Adaptive Cards SDK (the `adaptivecards` package) finds wrong with a card, checked against the
 * version the card declares: what it cannot parse (an unknown element type, an invalid value, a property of a later
 * version), what fails its validation (a property that must be set, an unsupported version), and every property it does
 * not know, which a Teams client would drop without a word. None: a valid card.
 */
export function adaptiveCardProblems(json: { version?: unknown }): string[] {
  const context = new SerializationContext();
  const declared = Version.parse(String(json.version), context);
  if (declared) context.targetVersion = declared;
  const card = new AdaptiveCard();
  card.parse(json, context);
  const parsing = Array.from({ length: context.eventCount }, (_, index) => context.getEventAt(index).message);
  const validation = card.validateProperties().validationEvents.map((event) => event.message);
  const { version: _written, ...understood } = card.toJSON(context) ?? {};
  const { version: _declared, ...sent } = json;
  return [...parsing, ...validation, ...unknownProperties(sent, understood, 'card')];
}

/** The paths of `sent` that serializing the parsed card again did not write back: properties the SDK does not know. */
function unknownProperties(sent: unknown, understood: unknown, path: string): string[] {
  if (typeof sent !== 'object' || sent === null) return [];
  const known = (understood ?? {}) as Record<string, unknown>;
  return Object.entries(sent).flatMap(([key, value]) =>
    key in known ? unknownProperties(value, known[key], `${path}.${key}`) : [`${path}.${key} is not a property of Adaptive Cards`],
  );
}
