// Once per run, before the test workers start (they inherit the environment set here):
// - finds or provisions the Temporal binaries;
// - finds or installs a Chromium for the console's browser tests (CHROMIUM_PATH);
// - builds the console into a folder of this run (CONSOLE_DIR), so that no prior `nx build` is needed.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { resolveBinary, BINARIES } = require('../tools/temporal-binaries.cjs');
const { resolveChromium } = require('../tools/chromium.cjs');
const { buildConsole } = require('../tools/build-console.cjs');

async function buildConsoleForThisRun() {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-console-'));
  process.on('exit', () => fs.rmSync(outDir, { recursive: true, force: true }));
  await buildConsole({ outDir });
  return outDir;
}

module.exports = async () => {
  for (const kind of Object.keys(BINARIES)) {
    const found = resolveBinary(kind, { log: (message) => console.log(`\n[temporal] ${message}`) });
    if (found) process.env[BINARIES[kind].env] = found;
  }
  // Without a browser only the console's browser tests can fail, each saying why; every other test still runs.
  try {
    process.env.CHROMIUM_PATH = resolveChromium({ log: (message) => console.log(`\n[chromium] ${message}`) });
  } catch (err) {
    process.env.CHROMIUM_MISSING = err.message;
    console.log(`\n[chromium] ${err.message}`);
  }
  process.env.CONSOLE_DIR = await buildConsoleForThisRun();
};
