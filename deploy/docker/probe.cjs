// The images' HEALTHCHECK: `node probe.cjs <PORT_VARIABLE> <path>` asks this container's own server for <path> on the port
// that variable holds, and exits 0 on a 2xx answer within 4 s, 1 otherwise. The slim Node image has no curl.
'use strict';

const [portVariable, path] = process.argv.slice(2);
const port = process.env[portVariable];

fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(4_000) }).then(
  (response) => process.exit(response.ok ? 0 : 1),
  () => process.exit(1),
);
