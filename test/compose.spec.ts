// Static checks of docker-compose.yml (no Docker engine needed): the app containers only set
// variables the config knows, their Dockerfiles exist, and Temporal gets Escalade's search attributes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { CONFIG_ENV_NAMES } from '@escalade/config';

const ROOT = path.resolve(__dirname, '..');
const COMPOSE_FILE = path.join(ROOT, 'docker-compose.yml');
const APP_SERVICES = ['api', 'worker'] as const;

const SEARCH_ATTRIBUTES: Array<[name: string, type: 'Keyword' | 'Int']> = [
  ['EscaladeSeverity', 'Keyword'],
  ['EscaladeProduct', 'Keyword'],
  ['EscaladeCustomer', 'Keyword'],
  ['EscaladeStatus', 'Keyword'],
  ['EscaladeEscalationLevel', 'Int'],
];

interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  environment?: Record<string, unknown> | string[];
  [key: string]: unknown;
}

const compose = parse(fs.readFileSync(COMPOSE_FILE, 'utf8')) as { services: Record<string, ComposeService> };

/** Names of the variables a service sets, from either form of `environment` (map or `NAME=value` list). */
function envNames(service: ComposeService): string[] {
  const env = service.environment;
  if (env === undefined || env === null) return [];
  if (Array.isArray(env)) return env.map((entry) => String(entry).split('=', 1)[0].trim());
  return Object.keys(env);
}

/** Every string anywhere in a YAML value (commands, entrypoints, env values, …). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('docker-compose.yml', () => {
  describe.each(APP_SERVICES)('service "%s"', (name) => {
    const service = () => compose.services[name];

    it('exists and is built from a Dockerfile', () => {
      expect(service()).toBeDefined();
      expect(service().build).toBeDefined();
    });

    it('sets only environment variables that the app config knows (CONFIG_ENV_NAMES)', () => {
      const unknown = envNames(service()).filter((env) => !CONFIG_ENV_NAMES.includes(env));
      expect(unknown).toEqual([]);
    });

    it('sets at least TEMPORAL_ADDRESS and DATABASE_URL', () => {
      expect(envNames(service())).toEqual(expect.arrayContaining(['TEMPORAL_ADDRESS', 'DATABASE_URL']));
    });

    it("uses a build dockerfile that exists on disk (relative to the build context)", () => {
      const build = service().build;
      const context = typeof build === 'string' ? build : (build?.context ?? '.');
      const dockerfile = typeof build === 'string' ? 'Dockerfile' : (build?.dockerfile ?? 'Dockerfile');
      const file = path.resolve(ROOT, context, dockerfile);
      expect(fs.existsSync(file) ? file : `missing: ${file}`).toBe(file);
    });
  });

  describe('envNames helper', () => {
    it('reads variable names from both the map and the list form of `environment`', () => {
      expect(envNames({ environment: { A: '1', B: null } })).toEqual(['A', 'B']);
      expect(envNames({ environment: ['A=1', 'B', 'C=x=y'] })).toEqual(['A', 'B', 'C']);
      expect(envNames({})).toEqual([]);
    });
  });

  describe('Temporal search attributes', () => {
    const everyString = () => strings(compose.services);

    it.each(SEARCH_ATTRIBUTES)('registers %s with type %s', (name, type) => {
      // Matches `--name X --type T` as well as helper calls like `register X T`.
      const registration = new RegExp(`\\b${escapeRegExp(name)}\\b["'\\s]+(?:--type[\\s=]+)?["']?${type}\\b`);
      expect(everyString().some((text) => registration.test(text))).toBe(true);
    });

    it('runs the registration against the temporal service after it is healthy', () => {
      const registrars = Object.entries(compose.services).filter(([, service]) =>
        strings([service.command, service.entrypoint]).some((text) => text.includes('search-attribute create')),
      );
      expect(registrars.length).toBeGreaterThan(0);
      for (const [, service] of registrars) {
        expect(service.depends_on).toMatchObject({ temporal: { condition: 'service_healthy' } });
      }
    });
  });
});
