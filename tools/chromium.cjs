// Locates or provisions the Chromium that the console's browser tests drive with Playwright.
// Order: CHROMIUM_PATH → /usr/bin/chromium, chromium-browser or google-chrome on PATH → the browser
// Playwright downloaded before (~/.cache/ms-playwright) → `apt-get install chromium` when running as root
// on Debian/Ubuntu (about a minute, once) → `playwright-core install chromium` (needs the internet).
'use strict';
const { execFileSync } = require('node:child_process');
const { isExecutable, onPath } = require('./temporal-binaries.cjs');

const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome'];

function systemChromium() {
  if (isExecutable('/usr/bin/chromium')) return '/usr/bin/chromium';
  for (const name of SYSTEM_NAMES) {
    const found = onPath(name);
    if (found) return found;
  }
  return undefined;
}

function playwrightChromium() {
  const file = require('playwright-core').chromium.executablePath();
  return file && isExecutable(file) ? file : undefined;
}

function run(command, args, log) {
  try {
    execFileSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    return true;
  } catch (err) {
    log(`${command} ${args.join(' ')} failed: ${String(err.stderr ?? err.message).trim().split('\n').pop()}`);
    return false;
  }
}

function installWithApt(log) {
  if (process.getuid?.() !== 0 || !onPath('apt-get')) return undefined;
  log('installing chromium with apt-get (about a minute, once) ...');
  const install = ['install', '-y', '--no-install-recommends', 'chromium'];
  if (!run('apt-get', install, log) && !(run('apt-get', ['update'], log) && run('apt-get', install, log))) return undefined;
  return systemChromium();
}

function installWithPlaywright(log) {
  log('downloading Playwright\'s chromium (needs the internet) ...');
  const cli = require.resolve('playwright-core/package.json').replace(/package\.json$/, 'cli.js');
  return run(process.execPath, [cli, 'install', 'chromium'], log) ? playwrightChromium() : undefined;
}

/** The path of a Chromium executable; throws when none is found and none could be installed. */
function resolveChromium({ log = () => undefined } = {}) {
  const override = process.env.CHROMIUM_PATH;
  if (override) {
    if (!isExecutable(override)) throw new Error(`CHROMIUM_PATH=${override} is not an executable file`);
    return override;
  }
  const found = systemChromium() ?? playwrightChromium() ?? installWithApt(log) ?? installWithPlaywright(log);
  if (!found) throw new Error('no Chromium found or installed: install one (e.g. apt-get install chromium) or set CHROMIUM_PATH');
  return found;
}

module.exports = { resolveChromium };

if (require.main === module) {
  console.log(`chromium: ${resolveChromium({ log: (m) => console.log(m) })}`);
}
