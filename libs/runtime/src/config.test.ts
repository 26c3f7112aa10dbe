import { describe, expect, it } from 'vitest';
import { booleanOption, ConfigError, enumOption, intOption, numberOption, optionalStringOption, parseConfig, stringOption } from './config';

const spec = {
  port: intOption({ flag: 'grpc-port', env: 'T_PORT', doc: 'port', default: 50051, min: 0, max: 65535 }),
  rate: numberOption({ flag: 'learning_rate', doc: 'lr', default: 0.01, min: 0 }),
  name: stringOption({ flag: 'name', doc: 'name', default: 'x' }),
  nats: optionalStringOption({ flag: 'nats-url', env: 'T_NATS', doc: 'nats' }),
  verbose: booleanOption({ flag: 'verbose', doc: 'v', default: false }),
  optimizer: enumOption({ flag: 'optimizer', doc: 'opt', default: 'rmsprop', values: ['rmsprop', 'adam'] as const }),
};

describe('config', () => {
  it('config - applies defaults when nothing is given', () => {
    expect(parseConfig(spec, [], {})).toEqual({ port: 50051, rate: 0.01, name: 'x', nats: undefined, verbose: false, optimizer: 'rmsprop' });
  });

  it('config - reads --flag value, --flag=value and bare booleans', () => {
    const c = parseConfig(spec, ['--grpc-port', '0', '--learning_rate=0.5', '--verbose', '--optimizer', 'adam'], {});
    expect(c).toMatchObject({ port: 0, rate: 0.5, verbose: true, optimizer: 'adam' });
  });

  it('config - a flag wins over its environment variable, which wins over the default', () => {
    expect(parseConfig(spec, [], { T_PORT: '7000' }).port).toBe(7000);
    expect(parseConfig(spec, ['--grpc-port=8000'], { T_PORT: '7000' }).port).toBe(8000);
    expect(parseConfig(spec, [], { T_NATS: 'nats://h:1' }).nats).toBe('nats://h:1');
  });

  it('config - a bad value names the flag and what was expected', () => {
    expect(() => parseConfig(spec, ['--grpc-port', 'abc'], {})).toThrowError(/--grpc-port "abc": expected a whole number from 0 to 65535/);
    expect(() => parseConfig(spec, ['--grpc-port=70000'], {})).toThrowError(ConfigError);
    expect(() => parseConfig(spec, ['--optimizer=sgdx'], {})).toThrowError(/--optimizer "sgdx": expected one of rmsprop, adam/);
    expect(() => parseConfig(spec, [], { T_PORT: '-1' })).toThrowError(/T_PORT "-1"/);
  });

  it('config - an unknown flag is an error that lists the known ones', () => {
    const err = (() => {
      try {
        parseConfig(spec, ['--grpc-prot=1'], {});
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err!.flag).toBe('grpc-prot');
    expect(err!.message).toMatch(/unknown flag --grpc-prot; known flags: --grpc-port/);
  });

  it('config - a flag without its value is an error', () => {
    expect(() => parseConfig(spec, ['--name'], {})).toThrowError(/--name needs a value/);
  });
});
