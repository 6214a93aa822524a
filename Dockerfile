# syntax=docker/dockerfile:1
# Escalade's images, all from one build of the workspace. From the repository root:
#   docker build --target api -t escalade-api .          the HTTP API and the console it serves
#   docker build --target worker -t escalade-worker .    the Temporal worker (prebuilt workflow bundle)
#   docker build --target simulator -t escalade-ms-simulator .   our Microsoft support simulator
#   docker build --target tools -t escalade-tools .      the npm scripts: `npm run migrate` (its command), secrets:rotate …
# docker-compose.yml builds each target itself; BuildKit builds the shared `build` stage once for all of them.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------------------------
# build: the full dependency tree (better-sqlite3 may compile from source) and every app built once.
# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build

RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# No Nx daemon, cloud or terminal UI inside an image build.
ENV NX_DAEMON=false \
    NX_NO_CLOUD=true \
    NX_TUI=false

COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci

COPY . .
# The worker's build also writes the prebuilt workflow bundle beside the compiled app (dist/apps/worker/workflow-bundle.js),
# so a worker never runs webpack on sources at start; the API serves the console's build (CONSOLE_DIR).
RUN npx nx run-many -t build -p api console worker ms-simulator

# ---------------------------------------------------------------------------------------------
# tools: the workspace as built, dev dependencies included, for the npm scripts of tools/ (run from sources).
# A one-shot before each rollout: `npm run migrate` (a Kubernetes Job, compose's `migrate` service).
# ---------------------------------------------------------------------------------------------
FROM build AS tools
ENV NODE_ENV=production \
    DATA_DIR=/app/data
RUN mkdir -p /app/data && chown node:node /app/data
USER node
CMD ["npm", "run", "migrate"]

# ---------------------------------------------------------------------------------------------
# runtime: production dependencies only, shared by the app images below.
# ---------------------------------------------------------------------------------------------
FROM build AS production-modules
RUN npm prune --omit=dev

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/app/data
WORKDIR /app
# Dependencies and build output stay root-owned (read-only for the app); only DATA_DIR is writable.
COPY --from=production-modules /app/package.json ./package.json
COPY --from=production-modules /app/node_modules ./node_modules
COPY deploy/docker/probe.cjs ./probe.cjs
RUN mkdir -p /app/data && chown node:node /app/data
USER node

# ---------------------------------------------------------------------------------------------
# simulator: plays Partner Center and Entra ID's token endpoint (apps/ms-simulator/README.md). Listens on every
# interface of its container: it guards nothing.
# ---------------------------------------------------------------------------------------------
FROM runtime AS simulator
COPY --from=build /app/dist/apps/ms-simulator ./dist/apps/ms-simulator
ENV SIMULATOR_HOST=0.0.0.0 \
    SIMULATOR_PORT=3100
EXPOSE 3100
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 CMD ["node", "probe.cjs", "SIMULATOR_PORT", "/simulator/health"]
CMD ["node", "dist/apps/ms-simulator/apps/ms-simulator/src/main.js"]

# ---------------------------------------------------------------------------------------------
# worker: Temporal worker; probes and metrics on WORKER_PORT. SIGTERM drains it (WORKER_SHUTDOWN_GRACE_MS).
# ---------------------------------------------------------------------------------------------
FROM runtime AS worker
# dist/apps/worker holds the compiled app (apps/, libs/, workflows/) and workflow-bundle.js, which the app finds at
# ../../../../workflow-bundle.js from apps/worker/src/temporal/.
COPY --from=build /app/dist/apps/worker ./dist/apps/worker
# Fewer glibc malloc arenas: the worker's threads keep less memory they no longer use (README, Performance).
ENV WORKER_PORT=3001 \
    MALLOC_ARENA_MAX=2
EXPOSE 3001
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD ["node", "probe.cjs", "WORKER_PORT", "/health/ready"]
CMD ["node", "dist/apps/worker/apps/worker/src/main.js"]

# ---------------------------------------------------------------------------------------------
# api (the default target): the HTTP API and the coordinator console's files it serves (CONSOLE_DIR).
# ---------------------------------------------------------------------------------------------
FROM runtime AS api
COPY --from=build /app/dist/apps/api ./dist/apps/api
COPY --from=build /app/dist/apps/console ./dist/apps/console
ENV PORT=3000
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD ["node", "probe.cjs", "PORT", "/health/ready"]
CMD ["node", "dist/apps/api/apps/api/src/main.js"]
