import { captureStdout } from '@escalade/logging/testing';
import { startProbeApp } from './testing/probe-app';

describe('logs in local mode (createApiApp, nothing configured)', () => {
  it('are readable lines for a terminal, not JSON', async () => {
    const stdout = captureStdout();
    try {
      const probe = await startProbeApp({ NODE_ENV: 'development', LOG_FORMAT: '' }, ['log']);
      await probe.http().get('/probe').set('x-request-id', 'trace-local').expect(200);
      await probe.close();
    } finally {
      stdout.restore();
    }

    const line = stdout.text().split('\n').find((text) => text.includes('trace-local'));
    expect(line).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] .*INFO.* \(api\): .*GET \/probe 200/);
    expect(() => stdout.lines()).toThrow(/not JSON/);
  });
});
