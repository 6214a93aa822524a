import { ConfigError } from '@escalade/config';
import { loadSimulatorConfig } from './simulator-config';

describe('loadSimulatorConfig', () => {
  it('fills the defaults when nothing is set', () => {
    expect(loadSimulatorConfig({})).toEqual({
      SIMULATOR_PORT: 3100,
      SIMULATOR_TIME_SCALE: 1,
      SIMULATOR_LATE_PROBABILITY: 0.2,
      SIMULATOR_ATTENTION_PROBABILITY: 0.1,
      SIMULATOR_SEED: undefined,
    });
  });

  it('reads every variable', () => {
    const env = {
      SIMULATOR_PORT: '3200',
      SIMULATOR_TIME_SCALE: '0.0001',
      SIMULATOR_LATE_PROBABILITY: '0',
      SIMULATOR_ATTENTION_PROBABILITY: '1',
      SIMULATOR_SEED: '42',
    };
    expect(loadSimulatorConfig(env)).toEqual({
      SIMULATOR_PORT: 3200,
      SIMULATOR_TIME_SCALE: 0.0001,
      SIMULATOR_LATE_PROBABILITY: 0,
      SIMULATOR_ATTENTION_PROBABILITY: 1,
      SIMULATOR_SEED: 42,
    });
  });

  it('stops with a message naming every wrong variable and its value', () => {
    const env = {
      SIMULATOR_PORT: '70000',
      SIMULATOR_TIME_SCALE: '0',
      SIMULATOR_LATE_PROBABILITY: '1.5',
      SIMULATOR_ATTENTION_PROBABILITY: 'often',
      SIMULATOR_SEED: '4.2',
    };
    let problems: string[] = [];
    let message = '';
    try {
      loadSimulatorConfig(env);
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      ({ problems, message } = err as ConfigError);
    }
    expect(problems.map((p) => p.split('=')[0])).toEqual([
      'SIMULATOR_PORT',
      'SIMULATOR_TIME_SCALE',
      'SIMULATOR_LATE_PROBABILITY',
      'SIMULATOR_ATTENTION_PROBABILITY',
      'SIMULATOR_SEED',
    ]);
    expect(message).toContain('SIMULATOR_LATE_PROBABILITY="1.5": Number must be less than or equal to 1');
  });

  it('treats an empty variable as unset', () => {
    expect(loadSimulatorConfig({ SIMULATOR_PORT: '', SIMULATOR_SEED: '' })).toMatchObject({ SIMULATOR_PORT: 3100, SIMULATOR_SEED: undefined });
  });
});
