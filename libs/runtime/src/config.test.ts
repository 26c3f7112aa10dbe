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

  it('config - booleans as absl spells them: --flag, --noflag, --flag=false, --flag false', () => {
    const verbose = (...argv: string[]) => parseConfig(spec, argv, {}).verbose;
    expect(verbose('--verbose')).toBe(true);
    expect(verbose('--noverbose')).toBe(false);
    expect(verbose('--verbose=false')).toBe(false);
    expect(verbose('--verbose=False')).toBe(false);
    expect(verbose('--verbose', 'false')).toBe(false);
    expect(verbose('--verbose', 'true', '--name', 'y')).toBe(true);
    expect(verbose('--verbose', '--name', 'y')).toBe(true);
    expect(() => verbose('--verbose', 'maybe')).toThrowError(/^invalid --verbose "maybe": expected true or false \(or --noverbose\)$/);
    expect(() => verbose('--noverbose=true')).toThrowError(/^flag --noverbose takes no value: type --noverbose or --verbose=true$/);
    // --no<flag> is only for booleans: --noname is not --name.
    expect(() => parseConfig(spec, ['--noname'], {})).toThrowError(/unknown flag --noname; did you mean --name\?/);
  });

  it('config - an unknown flag says which one was probably meant, in one line', () => {
    const err = (() => {
      try {
        parseConfig(spec, ['--grpc-prot=1'], {});
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err!.flag).toBe('grpc-prot');
    expect(err!.message).toBe('unknown flag --grpc-prot; did you mean --grpc-port?');
    expect(() => parseConfig(spec, ['--learning-rate=1'], {})).toThrowError(/^unknown flag --learning-rate; did you mean --learning_rate\?$/);
    // Nothing close: the known flags, still one line.
    expect(() => parseConfig(spec, ['--zzzzzzzz'], {})).toThrowError(/^unknown flag --zzzzzzzz; known flags: --grpc-port, --learning_rate, --name, --nats-url, --verbose, --optimizer$/);
  });

  it('config - a flag without its value is an error', () => {
    expect(() => parseConfig(spec, ['--name'], {})).toThrowError(/--name needs a value/);
  });
});
