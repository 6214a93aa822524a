import { loadAppConfig } from './app-config';
import { loggingSettingsOf } from './logging.config';
import { problemsOf } from './testing/config-problems';

describe('logging settings', () => {
  it('writes pretty lines at info in development and local mode, JSON in production', () => {
    expect(loggingSettingsOf(loadAppConfig({}))).toEqual({ format: 'pretty', level: 'info' });
    expect(loggingSettingsOf({ NODE_ENV: 'production' })).toEqual({ format: 'json', level: 'info' });
  });

  it('takes LOG_FORMAT and LOG_LEVEL over the defaults', () => {
    expect(loggingSettingsOf(loadAppConfig({ LOG_FORMAT: 'json', LOG_LEVEL: 'debug' }))).toEqual({ format: 'json', level: 'debug' });
    expect(loggingSettingsOf({ NODE_ENV: 'production', LOG_FORMAT: 'pretty', LOG_LEVEL: 'warn' })).toEqual({ format: 'pretty', level: 'warn' });
  });

  it('refuses a format or level it does not know, naming the choices', () => {
    expect(problemsOf({ LOG_FORMAT: 'xml', LOG_LEVEL: 'verbose' })).toEqual([
      'LOG_FORMAT: must be one of json, pretty',
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent',
    ]);
  });
});
