// Finds or provisions the Temporal binaries once per run and hands their paths to the test workers.
const { resolveBinary, BINARIES } = require('../tools/temporal-binaries.cjs');

module.exports = async () => {
  for (const kind of Object.keys(BINARIES)) {
    const found = resolveBinary(kind, { log: (message) => console.log(`\n[temporal] ${message}`) });
    if (found) process.env[BINARIES[kind].env] = found;
  }
};
