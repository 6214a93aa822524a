// Builds the coordinator console (apps/console) with Vite's own API: about a second.
// Used by `npm start` (into dist/apps/console) and by the tests' global setup (into a folder of the run).
const path = require('node:path');

const CONSOLE_VITE_CONFIG = path.resolve(__dirname, '../apps/console/vite.config.mts');

/** Builds into `outDir`, or into the config's own output folder (dist/apps/console) when none is given. */
async function buildConsole({ outDir } = {}) {
  const { build } = await import('vite');
  // Vite sets NODE_ENV=production in this process for its build: the apps `npm start` spawns afterwards inherit the
  // environment, and production has no local mode.
  const nodeEnv = process.env.NODE_ENV;
  try {
    await build({
      configFile: CONSOLE_VITE_CONFIG,
      logLevel: 'warn',
      ...(outDir && { build: { outDir, emptyOutDir: true } }),
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

module.exports = { buildConsole };
