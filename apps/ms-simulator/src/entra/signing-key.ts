import { createHash } from 'node:crypto';
import type { SimulatorConfig } from '../config/simulator-config';

/** The HS256 key of every token the simulator issues, derived from SIMULATOR_TOKEN_SIGNING_KEY. */
export const signingKey = (config: Pick<SimulatorConfig, 'SIMULATOR_TOKEN_SIGNING_KEY'>): Buffer =>
  createHash('sha256').update(config.SIMULATOR_TOKEN_SIGNING_KEY).digest();
