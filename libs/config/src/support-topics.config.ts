import { z } from 'zod';

/** The settings of the support-topic mapping, part of the app config's schema. */
export const supportTopicsSchema = {
  /** JSON naming support topics per product and category (see support-topic-names.loader.ts); unset, the built-in names. */
  SUPPORT_TOPICS_FILE: z.string().min(1).optional(),
  /** How long the worker keeps Partner Center's list of support topics before fetching it again. */
  SUPPORT_TOPICS_TTL_MS: z.coerce.number().int().min(1_000).max(7 * 24 * 3_600_000).default(3_600_000),
};
