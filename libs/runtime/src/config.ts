// Typed service configuration from flags and environment: parsed once at start, one line per bad value.
import { editDistance } from './close-names';
import { FinetuneError } from './finetune-error';

/** A bad flag or environment value; the message names it and says what was expected. */
export class ConfigError extends FinetuneError {
  constructor(
    readonly flag: string,
    message: string,
  ) {
    super('invalid-argument', message);
  }
}

interface OptionBase<T> {
  /** Flag spelling without dashes, e.g. 'grpc-port'. */
  flag: string;
  /** Environment variable read when the flag is absent, e.g. 'FINETUNE_GRPC_PORT'. */
  env?: string;
  /** One line for --help. */
  doc: string;
  default: T;
  parse(raw: string, source: string): T;
  /** A boolean flag: `--flag` alone means true and `--noflag` false, whatever its default (even unset). */
  boolean?: true;
}

export type Option<T> = OptionBase<T>;
export type ConfigSpec = Record<string, Option<unknown>>;
export type ConfigOf<S extends ConfigSpec> = { [K in keyof S]: S[K] extends Option<infer T> ? T : never };

export function stringOption(o: Omit<OptionBase<string>, 'parse'>): Option<string> {
  return { ...o, parse: (raw) => raw };
}

export function optionalStringOption(o: Omit<OptionBase<string | undefined>, 'parse' | 'default'>): Option<string | undefined> {
  return { ...o, default: undefined, parse: (raw) => (raw === '' ? undefined : raw) };
}

export function intOption(o: Omit<OptionBase<number>, 'parse'> & { min?: number; max?: number }): Option<number> {
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = o;
  return {
    ...o,
    parse(raw, source) {
      const value = Number(raw);
      if (!/^-?\d+$/.test(raw.trim()) || value < min || value > max) {
        throw new ConfigError(o.flag, `invalid ${source} "${raw}": expected a whole number from ${min} to ${max}`);
      }
      return value;
    },
  };
}

export function numberOption(o: Omit<OptionBase<number>, 'parse'> & { min?: number; max?: number }): Option<number> {
  const { min = -Infinity, max = Infinity } = o;
  return {
    ...o,
    parse(raw, source) {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
        throw new ConfigError(o.flag, `invalid ${source} "${raw}": expected a number from ${min} to ${max}`);
      }
      return value;
    },
  };
}

/** A number, or undefined when not given (or given as ''). */
export function optionalNumberOption(o: Omit<OptionBase<number | undefined>, 'parse' | 'default'> & { min?: number; max?: number }): Option<number | undefined> {
  const number = numberOption({ ...o, default: 0 });
  return { ...o, default: undefined, parse: (raw, source) => (raw === '' ? undefined : number.parse(raw, source)) };
}

export function booleanOption(o: Omit<OptionBase<boolean>, 'parse' | 'boolean'>): Option<boolean> {
  return {
    ...o,
    boolean: true,
    parse(raw, source) {
      const word = raw.toLowerCase();
      if (['', 'true', '1', 'yes'].includes(word)) return true;
      if (['false', '0', 'no'].includes(word)) return false;
      throw new ConfigError(o.flag, `invalid ${source} "${raw}": expected true or false (or --no${o.flag})`);
    },
  };
}

export function enumOption<T extends string>(o: Omit<OptionBase<T>, 'parse'> & { values: readonly T[] }): Option<T> {
  return {
    ...o,
    parse(raw, source) {
      if (!(o.values as readonly string[]).includes(raw)) {
        throw new ConfigError(o.flag, `invalid ${source} "${raw}": expected one of ${o.values.join(', ')}`);
      }
      return raw as T;
    },
  };
}

const isBoolean = (option: Option<unknown>) => option.boolean === true;

/** The known flag a misspelt one most likely meant, as absl's "did you mean"; none when nothing is close. */
export function nearestFlag(name: string, flags: readonly string[]): string | undefined {
  const cutoff = Math.max(1, Math.min(3, Math.floor(name.length / 3)));
  const scored = flags.map((flag) => ({ flag, d: editDistance(name.replace(/-/g, '_'), flag.replace(/-/g, '_')) }));
  const best = scored.filter((s) => s.d <= cutoff).sort((a, b) => a.d - b.d || a.flag.localeCompare(b.flag))[0];
  return best?.flag;
}

function unknownFlag(name: string, flags: readonly string[]): ConfigError {
  const near = nearestFlag(name, flags);
  const hint = near ? `did you mean --${near}?` : `known flags: ${flags.map((f) => `--${f}`).join(', ')}`;
  return new ConfigError(name, `unknown flag --${name}; ${hint}`);
}

/**
 * Parses `--flag value` and `--flag=value`; a boolean also as absl spells it: `--flag`, `--noflag`,
 * `--flag=false`, `--flag false`. A flag wins over its environment variable, which wins over the default.
 * Unknown flags are errors, so a typo never passes silently.
 */
export function parseConfig<S extends ConfigSpec>(spec: S, argv: readonly string[], env: NodeJS.ProcessEnv = {}): ConfigOf<S> {
  const byFlag = new Map(Object.entries(spec).map(([key, option]) => [option.flag, { key, option }]));
  const raw = new Map<string, { value: string; source: string }>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new ConfigError(arg, `unexpected argument "${arg}": flags look like --name=value`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    let entry = byFlag.get(name);
    let negated = false;
    if (!entry && name.startsWith('no')) {
      const positive = byFlag.get(name.slice(2));
      if (positive && isBoolean(positive.option)) [entry, negated] = [positive, true];
    }
    if (!entry) throw unknownFlag(name, [...byFlag.keys()]);
    let value: string;
    if (negated) {
      if (eq !== -1) throw new ConfigError(name, `flag --${name} takes no value: type --${name} or --${name.slice(2)}=${arg.slice(eq + 1)}`);
      value = 'false';
    } else if (eq !== -1) value = arg.slice(eq + 1);
    else if (isBoolean(entry.option)) {
      // `--flag false` as well as `--flag`: nothing here is positional, so a following word is this flag's value.
      const next = argv[i + 1];
      value = next !== undefined && !next.startsWith('--') ? argv[++i]! : '';
    } else if (i + 1 < argv.length) value = argv[++i]!;
    else throw new ConfigError(name, `flag --${name} needs a value`);
    raw.set(entry.key, { value, source: `--${name}` });
  }
  const config: Record<string, unknown> = {};
  for (const [key, option] of Object.entries(spec)) {
    const given = raw.get(key) ?? (option.env && env[option.env] !== undefined ? { value: env[option.env]!, source: `${option.env}` } : undefined);
    config[key] = given ? option.parse(given.value, given.source) : option.default;
  }
  return config as ConfigOf<S>;
}

/** --help text: one line per option with its environment variable and default. */
export function describeConfig(spec: ConfigSpec): string {
  return Object.values(spec)
    .map((o) => {
      const env = o.env ? ` [env ${o.env}]` : '';
      const def = o.default === undefined ? '' : ` (default ${JSON.stringify(o.default)})`;
      return `  --${o.flag}${env}\n      ${o.doc}${def}`;
    })
    .join('\n');
}
