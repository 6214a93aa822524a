// docker-compose.yml as compose runs it with a given `.env`: every value interpolated, and each service's environment
// resolved as its container gets it (the image's ENV, then env_file, then environment).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { imageOf, parseDockerfile, type Image } from './dockerfile';
import { parseEnvFile } from './env-files';
import { interpolate, type Variables } from './interpolation';

export const ROOT = path.resolve(__dirname, '../..');
export const COMPOSE_FILE = path.join(ROOT, 'docker-compose.yml');

type EnvironmentEntries = Record<string, string | number | boolean | null> | string[];

export interface Service {
  image?: string;
  build?: { context?: string; dockerfile?: string; target?: string };
  environment?: EnvironmentEntries;
  env_file?: string | Array<string | { path: string; required?: boolean }>;
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  volumes?: string[];
  entrypoint?: string[];
  healthcheck?: { test: string[] };
  stop_grace_period?: string;
}

export interface Stack {
  services: Record<string, Service>;
  /** The project's `.env` it was resolved with. */
  dotEnv: Variables;
  /** Bare variables left unset (compose warns and puts an empty string). */
  unset: string[];
}

/** The raw file, YAML merge keys applied, nothing interpolated. */
export function composeDocument(): { services: Record<string, Service> } & Record<string, unknown> {
  return parse(fs.readFileSync(COMPOSE_FILE, 'utf8'), { merge: true });
}

/** docker-compose.yml interpolated with `dotEnv` (the project's `.env`) and no other variable. */
export function resolveStack(dotEnv: Variables = {}): Stack {
  const unset = new Set<string>();
  const resolve = (value: unknown): unknown => {
    if (typeof value === 'string') return interpolate(value, dotEnv, (name) => unset.add(name));
    if (Array.isArray(value)) return value.map(resolve);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, each]) => [key, resolve(each)]));
    return value;
  };
  const { services } = resolve(composeDocument()) as { services: Record<string, Service> };
  return { services, dotEnv, unset: [...unset] };
}

/** The image a service is built from: its Dockerfile's target (the last stage when no target is named). */
export function builtImage(service: Service): Image {
  if (!service.build) throw new Error('not built here');
  const dockerfile = path.resolve(ROOT, service.build.context ?? '.', service.build.dockerfile ?? 'Dockerfile');
  const stages = parseDockerfile(fs.readFileSync(dockerfile, 'utf8'));
  const last = [...stages.keys()].at(-1);
  if (!last) throw new Error(`no stage in ${dockerfile}`);
  return imageOf(stages, service.build.target ?? last);
}

/** The variables a service's process starts with. A name without a value takes the `.env`'s, or stays unset. */
export function containerEnvironment({ services, dotEnv }: Stack, name: string): Record<string, string> {
  const service = services[name];
  const env: Record<string, string> = { ...(service.build ? builtImage(service).env : {}) };
  for (const file of envFiles(service)) Object.assign(env, parseEnvFile(fs.readFileSync(path.resolve(ROOT, file), 'utf8')));
  for (const [name, value] of environmentEntries(service.environment)) {
    const given = value ?? dotEnv[name];
    if (given === undefined) delete env[name];
    else env[name] = given;
  }
  return env;
}

/** The names a service's `environment` sets (whatever its image sets besides). */
export function environmentNames(service: Service): string[] {
  return environmentEntries(service.environment).map(([name]) => name);
}

function envFiles(service: Service): string[] {
  const files = service.env_file === undefined ? [] : [service.env_file].flat();
  return files
    .map((file) => (typeof file === 'string' ? { path: file, required: true } : { required: true, ...file }))
    .filter((file) => file.required || fs.existsSync(path.resolve(ROOT, file.path)))
    .map((file) => file.path);
}

function environmentEntries(environment: EnvironmentEntries | undefined): Array<[name: string, value: string | undefined]> {
  if (environment === undefined) return [];
  if (Array.isArray(environment)) {
    return environment.map((entry) => {
      const [name, ...value] = entry.split('=');
      return [name, value.length > 0 ? value.join('=') : undefined];
    });
  }
  return Object.entries(environment).map(([name, value]) => [name, value === null ? undefined : String(value)]);
}
