// Static checks of the compose stack (no Docker engine needed). Each service's environment, resolved as compose resolves
// it, with no .env and with .env.example filled in for production, passes the apps' own configuration checks; every
// image's command, health check and files come out of the build (`npx nx run-many -t build` first, as CI does); Temporal
// gets the apps' namespace and search attributes; every port stays on the host's loopback.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TypedSearchAttributes } from '@temporalio/common';
import { CONFIG_ENV_NAMES, identityConfigured, identityProblems, loadAppConfig, type AppConfig } from '@escalade/config';
import { loadSimulatorConfig, simulatorConfigSchema, type SimulatorConfig } from '@escalade/ms-simulator';
import { SEARCH_ATTRIBUTE_KEYS } from '@escalade/workflows';
import {
  builtImage,
  COMPOSE_FILE,
  composeDocument,
  containerEnvironment,
  environmentNames,
  resolveStack,
  ROOT,
  type Service,
  type Stack,
} from './compose/compose-stack';
import { parseDockerfile, repositoryFile, type Image } from './compose/dockerfile';
import { nxBuildOutputs } from './compose/nx-build-outputs';
import { EXAMPLE_ASSIGNMENTS, PRODUCTION_DOT_ENV } from './compose/production-dot-env';
import { variablesIn } from './compose/interpolation';
import { prunedFromProduction, requiredPackages } from './compose/required-packages';

const APP_SERVICES = ['api', 'worker', 'migrate'] as const;
const BUILT_SERVICES = ['api', 'worker', 'migrate', 'simulator'] as const;
/** The images with a process that serves: the route their health check must ask, and the setting holding its port. */
const PROBES = {
  api: { route: '/health/ready', port: (env: Record<string, string>) => loadAppConfig(env).PORT },
  worker: { route: '/health/ready', port: (env: Record<string, string>) => loadAppConfig(env).WORKER_PORT },
  simulator: { route: '/simulator/health', port: (env: Record<string, string>) => loadSimulatorConfig(env).SIMULATOR_PORT },
} as const;
const SERVING = Object.keys(PROBES);

const LOCAL = resolveStack();
const PRODUCTION = resolveStack(PRODUCTION_DOT_ENV);

function appConfig(stack: Stack, name: string): AppConfig {
  return loadAppConfig(containerEnvironment(stack, name));
}

function simulatorConfig(stack: Stack): SimulatorConfig {
  return loadSimulatorConfig(containerEnvironment(stack, 'simulator'));
}

/** A file of an image (relative to its working folder), as the repository file it was copied from. */
function sourceOf(image: Image, file: string): string {
  return path.join(ROOT, repositoryFile(image, file));
}

function dependsOn(service: Service, dependency: string): string | undefined {
  return service.depends_on?.[dependency]?.condition;
}

describe('docker-compose.yml', () => {
  describe('with no .env: local mode, the simulator as Microsoft', () => {
    it('gives every variable it uses a default', () => {
      expect(LOCAL.unset).toEqual([]);
    });

    it.each(APP_SERVICES)('%s: its environment passes the configuration check, in local mode', (name) => {
      const config = appConfig(LOCAL, name);
      expect(config).toMatchObject({ NODE_ENV: 'development', MICROSOFT_SUPPORT: 'simulator', LOCAL_CONTAINER_STACK: true });
      expect(identityConfigured(config)).toBe(false);
    });

    it.each(APP_SERVICES)('%s: sets only variables the configuration knows', (name) => {
      expect(environmentNames(LOCAL.services[name]).filter((variable) => !CONFIG_ENV_NAMES.includes(variable))).toEqual([]);
    });

    it("api: passes the API's own identity check, listening where its published port reaches it", () => {
      const config = appConfig(LOCAL, 'api');
      expect(identityProblems(config)).toEqual([]);
      expect(config.HOST).toBe('0.0.0.0');
    });

    it('simulator: its environment passes its configuration check, with only variables it knows', () => {
      const known = Object.keys(simulatorConfigSchema.shape);
      expect(environmentNames(LOCAL.services.simulator).filter((variable) => !known.includes(variable))).toEqual([]);
      expect(simulatorConfig(LOCAL)).toMatchObject({ SIMULATOR_HOST: '0.0.0.0' });
    });

    it("worker: signs in to the simulator's service with a registration the simulator takes", () => {
      const worker = appConfig(LOCAL, 'worker');
      const simulator = simulatorConfig(LOCAL);
      const at = `http://simulator:${simulator.SIMULATOR_PORT}`;

      expect(LOCAL.services.simulator).toBeDefined();
      expect([worker.PARTNER_CENTER_URL, worker.ENTRA_AUTHORITY_URL]).toEqual([at, at]);
      expect(worker).toMatchObject({
        PARTNER_CENTER_CLIENT_ID: simulator.SIMULATOR_CLIENT_ID,
        PARTNER_CENTER_CLIENT_SECRET: simulator.SIMULATOR_CLIENT_SECRET,
        PARTNER_CENTER_TENANT_ID: simulator.SIMULATOR_TENANT_ID,
      });
      expect(simulator.SIMULATOR_REFRESH_TOKENS).toContain(worker.PARTNER_CENTER_REFRESH_TOKEN);
    });
  });

  describe('with .env.example filled in: production', () => {
    it('leaves no empty value a deployer must fill unaccounted for here', () => {
      expect(Object.entries(PRODUCTION_DOT_ENV).filter(([, value]) => value === '')).toEqual([]);
    });

    it.each(APP_SERVICES)('%s: its environment passes the configuration check in production, on the real Partner Center', (name) => {
      expect(appConfig(PRODUCTION, name)).toMatchObject({
        NODE_ENV: 'production',
        MICROSOFT_SUPPORT: 'partner-center',
        SECRETS_ENCRYPTION_KEY: PRODUCTION_DOT_ENV.SECRETS_ENCRYPTION_KEY,
        METRICS_TOKEN: PRODUCTION_DOT_ENV.METRICS_TOKEN,
      });
    });

    it('api: signs users in with Entra ID, as production demands', () => {
      const config = appConfig(PRODUCTION, 'api');
      expect(identityConfigured(config)).toBe(true);
      expect(identityProblems(config)).toEqual([]);
    });

    it("worker: files with Partner Center's own API and renews tokens at Entra ID, over https", () => {
      expect(appConfig(PRODUCTION, 'worker')).toMatchObject({
        PARTNER_CENTER_URL: 'https://api.partnercenter.microsoft.com',
        ENTRA_AUTHORITY_URL: 'https://login.microsoftonline.com',
        PARTNER_CENTER_CLIENT_ID: PRODUCTION_DOT_ENV.PARTNER_CENTER_CLIENT_ID,
      });
    });

    it('simulator: still passes its configuration check', () => {
      expect(simulatorConfig(PRODUCTION)).toMatchObject({ SIMULATOR_SEED: 7 });
    });

    it('.env.example describes exactly the variables docker-compose.yml uses', () => {
      const used = new Set(variablesIn(fs.readFileSync(COMPOSE_FILE, 'utf8')));
      const described = new Set(EXAMPLE_ASSIGNMENTS.map(([name]) => name));
      expect([...used].filter((name) => !described.has(name))).toEqual([]);
      expect([...described].filter((name) => !used.has(name))).toEqual([]);
    });
  });

  describe('databases', () => {
    it.each([LOCAL, PRODUCTION])("the apps reach escalade-db with its own user, password and database (%#)", (stack) => {
      const database = containerEnvironment(stack, 'escalade-db');
      for (const name of APP_SERVICES) {
        const url = new URL(appConfig(stack, name).DATABASE_URL ?? '');
        expect([url.hostname, url.username, url.password, url.pathname]).toEqual([
          'escalade-db',
          database.POSTGRES_USER,
          database.POSTGRES_PASSWORD,
          `/${database.POSTGRES_DB}`,
        ]);
      }
    });

    it.each([LOCAL, PRODUCTION])("Temporal's schema job and server reach temporal-db with its own user and password (%#)", (stack) => {
      const database = containerEnvironment(stack, 'temporal-db');
      const schema = containerEnvironment(stack, 'temporal-schema');
      const server = containerEnvironment(stack, 'temporal');
      expect([schema.POSTGRES_SEEDS, schema.POSTGRES_USER, schema.SQL_PASSWORD]).toEqual(['temporal-db', database.POSTGRES_USER, database.POSTGRES_PASSWORD]);
      expect([server.POSTGRES_SEEDS, server.POSTGRES_USER, server.POSTGRES_PWD]).toEqual(['temporal-db', database.POSTGRES_USER, database.POSTGRES_PASSWORD]);
    });
  });

  describe('ports, probes and shutdown', () => {
    it("publishes every port on the host's loopback only (what LOCAL_CONTAINER_STACK=true asserts)", () => {
      const published = Object.values(LOCAL.services).flatMap((service) => service.ports ?? []);
      expect(published.length).toBeGreaterThan(0);
      expect(published.filter((port) => !port.startsWith('127.0.0.1:'))).toEqual([]);
    });

    it.each(Object.entries(PROBES))("%s: the image's health check asks its readiness route on the port the app listens on", (name, probe) => {
      const service = LOCAL.services[name];
      const env = containerEnvironment(LOCAL, name);
      const [node, script, portVariable, route] = builtImage(service).healthcheck ?? [];
      expect([node, script, route]).toEqual(['node', 'probe.cjs', probe.route]);
      expect(Number(env[portVariable])).toBe(probe.port(env));
      for (const port of service.ports ?? []) expect(Number(port.split(':').at(-1))).toBe(probe.port(env));
    });

    it('gives the worker longer to stop than it lets running activities finish', () => {
      const graceSeconds = Number(/^(\d+)s$/.exec(LOCAL.services.worker.stop_grace_period ?? '')?.[1]);
      for (const stack of [LOCAL, PRODUCTION]) {
        expect(appConfig(stack, 'worker').WORKER_SHUTDOWN_GRACE_MS).toBeLessThan(graceSeconds * 1000);
      }
    });
  });

  describe('images (run `npx nx run-many -t build` first)', () => {
    it('builds every app from the one Dockerfile, whose targets share one build stage', () => {
      const builds = BUILT_SERVICES.map((name) => LOCAL.services[name].build);
      expect(new Set(builds.map((build) => `${build?.context}/${build?.dockerfile ?? 'Dockerfile'}`))).toEqual(new Set(['./Dockerfile']));
      const stages = parseDockerfile(fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'));
      const building = [...stages].filter(([, stage]) => stage.runs.some((run) => run.includes('nx run-many -t build'))).map(([name]) => name);
      expect(building).toHaveLength(1);
      for (const name of BUILT_SERVICES) expect(builtImage(LOCAL.services[name]).stages).toContain(building[0]);
    });

    it.each(SERVING)("%s: runs a file of its image that `nx build` writes", (name) => {
      const image = builtImage(LOCAL.services[name]);
      const [program, entry] = image.cmd;
      const file = sourceOf(image, entry);
      expect(program).toBe('node');
      expect(nxBuildOutputs(image.runs, ROOT).some((output) => file.startsWith(`${output}${path.sep}`))).toBe(true);
      expect(fs.existsSync(file) ? file : `not built: ${file}`).toBe(file);
    });

    it('migrate: runs `npm run migrate` in the workspace it was built from', () => {
      const image = builtImage(LOCAL.services.migrate);
      const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
      expect(image.cmd).toEqual(['npm', 'run', 'migrate']);
      expect(scripts.migrate).toMatch(/ tools\/migrate\.ts$/);
      expect(fs.existsSync(sourceOf(image, 'tools/migrate.ts'))).toBe(true);
    });

    it.each(SERVING)("%s: the health check's script is in the image", (name) => {
      const image = builtImage(LOCAL.services[name]);
      expect(fs.existsSync(sourceOf(image, image.healthcheck?.[1] ?? ''))).toBe(true);
    });

    it.each(SERVING)('%s: every package the app requires survives the production prune', (name) => {
      const image = builtImage(LOCAL.services[name]);
      const packages = requiredPackages(sourceOf(image, image.cmd[1]));
      expect(packages).toEqual(expect.arrayContaining(['@nestjs/core']));
      expect(prunedFromProduction(packages, path.join(ROOT, 'package-lock.json'))).toEqual([]);
    });

    it("api: holds the console's files where CONSOLE_DIR points", () => {
      const image = builtImage(LOCAL.services.api);
      const consoleDir = path.relative(process.cwd(), appConfig(LOCAL, 'api').CONSOLE_DIR);
      expect(fs.existsSync(sourceOf(image, path.posix.join(consoleDir, 'index.html')))).toBe(true);
    });

    it('worker: holds the prebuilt workflow bundle where the compiled worker looks for it', () => {
      const image = builtImage(LOCAL.services.worker);
      const compiled = sourceOf(image, path.posix.join(path.posix.dirname(image.cmd[1]), 'temporal/workflow-code.js'));
      const { PREBUILT_BUNDLE } = require(compiled) as { PREBUILT_BUNDLE: string };
      const copied = image.copies.some(({ repositoryPath }) => repositoryPath && PREBUILT_BUNDLE.startsWith(`${path.join(ROOT, repositoryPath)}${path.sep}`));
      expect(copied).toBe(true);
      expect(fs.existsSync(PREBUILT_BUNDLE)).toBe(true);
    });
  });

  describe('Temporal', () => {
    const services = LOCAL.services;

    it('runs the current server image and admin tools (auto-setup is deprecated)', () => {
      expect(services.temporal.image).toMatch(/^temporalio\/server:/);
      for (const name of ['temporal-schema', 'temporal-namespace']) expect(services[name].image).toMatch(/^temporalio\/admin-tools:/);
      expect(Object.values(composeDocument().services).filter((service) => service.image?.includes('auto-setup'))).toEqual([]);
    });

    it('starts in order: schemas, server, namespace; the apps after the namespace and our migrations', () => {
      expect(dependsOn(services['temporal-schema'], 'temporal-db')).toBe('service_healthy');
      expect(dependsOn(services.temporal, 'temporal-schema')).toBe('service_completed_successfully');
      expect(dependsOn(services['temporal-namespace'], 'temporal')).toBe('service_healthy');
      expect(dependsOn(services.migrate, 'escalade-db')).toBe('service_healthy');
      for (const name of ['api', 'worker']) {
        expect(dependsOn(services[name], 'temporal-namespace')).toBe('service_completed_successfully');
        expect(dependsOn(services[name], 'migrate')).toBe('service_completed_successfully');
      }
    });

    it.each([LOCAL, PRODUCTION])("registers the workflows' search attributes in the apps' namespace, at their Temporal (%#)", (stack) => {
      const env = containerEnvironment(stack, 'temporal-namespace');
      const expected = SEARCH_ATTRIBUTE_KEYS.map(({ name, type }) => `${name}=${TypedSearchAttributes.toMetadataType(type)}`);
      expect(env.SEARCH_ATTRIBUTES.split(/\s+/).sort()).toEqual(expected.sort());
      for (const name of ['api', 'worker']) {
        const config = appConfig(stack, name);
        expect([env.TEMPORAL_ADDRESS, env.NAMESPACE]).toEqual([config.TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE]);
      }
    });

    it.each(['temporal-schema', 'temporal-namespace'])('%s: runs a script mounted from the repository', (name) => {
      const service = services[name];
      const script = service.entrypoint?.at(-1);
      const mount = (service.volumes ?? []).map((volume) => volume.split(':')).find(([, target]) => target === script);
      expect(mount && fs.existsSync(path.join(ROOT, mount[0]))).toBe(true);
    });

    it("the namespace script creates each search attribute with Temporal's CLI", () => {
      const script = fs.readFileSync(path.join(ROOT, 'deploy/temporal/setup-namespace.sh'), 'utf8');
      expect(script).toContain('temporal operator search-attribute create');
      expect(script).toContain('temporal operator namespace create');
    });

    it('the server reads the dynamic configuration mounted from the repository', () => {
      const file = containerEnvironment(LOCAL, 'temporal').DYNAMIC_CONFIG_FILE_PATH;
      const mount = (services.temporal.volumes ?? []).map((volume) => volume.split(':')).find(([, target]) => target === file);
      expect(mount && fs.existsSync(path.join(ROOT, mount[0]))).toBe(true);
    });
  });
});
