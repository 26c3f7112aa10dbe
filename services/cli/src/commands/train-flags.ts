// The flags of `finetune train`, derived from the engine's TRAIN_FLAGS: one CLI option per row, and the parsed
// flags back into TrainOptionsInput with paths made absolute, so a trainer service sees the same folders.
import path from 'node:path';
import { cliChoice, describeRange, isFilePath, TRAIN_FLAGS, writeField, type FlagRow, type TrainOptionsInput } from '@finetune/engine';
import { booleanOption, enumOption, intOption, numberOption, stringOption, type Option } from '@finetune/runtime';
import { UsageError } from '../command';

const rows = TRAIN_FLAGS as readonly FlagRow[];

/** Ranges and choices are checked once, by resolveTrainOptions; the parser only reads each value's type. */
function cliOption(row: FlagRow): Option<unknown> {
  const choices = row.choices ? ` One of ${row.choices().map(cliChoice).join(', ')}.` : '';
  const range = row.range && row.type === 'number' ? ` A number ${describeRange(row.range)}.` : '';
  const base = { flag: row.flag, doc: `${row.doc}${choices}${range}` };
  const unset = row.default === undefined;
  // A flag without a default reads '' as unset.
  const optional = <T>(o: Option<T>): Option<T | undefined> => ({
    ...o,
    default: undefined,
    parse: (raw, source) => (raw === '' ? undefined : o.parse(raw, source)),
  });
  switch (row.type) {
    case 'number': {
      const o = numberOption({ ...base, default: (row.default as number) ?? 0 });
      return unset ? optional(o) : o;
    }
    case 'int': {
      const o = intOption({ ...base, default: (row.default as number) ?? 0 });
      if (!unset) return o;
      // `--train_image_size=0` is unset, as that field's zero is on the wire; `--seed=0` (an optional field) is a seed.
      return optional<number | undefined>({
        ...o,
        parse(raw, source) {
          const value = o.parse(raw, source);
          return value === 0 && !row.optional ? undefined : value;
        },
      });
    }
    case 'bool': {
      const o = booleanOption({ ...base, default: row.default as boolean });
      // `--augment` alone is true, so unset is the absence of the flag only.
      return unset ? { ...o, default: undefined } : o;
    }
    case 'choice': {
      // The command line spells a choice in snake_case; the engine's own spelling is accepted as well.
      const choices = row.choices!();
      const values = [...new Set([...choices.map(cliChoice), ...choices])];
      const o = enumOption({ ...base, default: (row.default as string | undefined) ?? '', values });
      const parse = (raw: string, source: string) => choices.find((c) => c === raw || cliChoice(c) === raw) ?? o.parse(raw, source);
      return unset ? optional({ ...o, parse }) : { ...o, parse };
    }
    case 'list':
      return stringOption({ ...base, default: ((row.default as readonly string[] | undefined) ?? []).join(',') });
    case 'string': {
      const o = stringOption({ ...base, default: (row.default as string) ?? '' });
      return unset && !row.required ? optional(o) : o;
    }
  }
}

/** The training flags as a ConfigSpec, keyed by flag. */
export const trainFlagOptions: Record<string, Option<unknown>> = Object.fromEntries(rows.map((row) => [row.flag, cliOption(row)]));

/** Parsed flags as the job's input; a required flag left empty is a usage error naming it. */
export function trainInput(flags: Record<string, unknown>): TrainOptionsInput {
  const input = {};
  for (const row of rows) {
    let value = flags[row.flag];
    if (row.required && !value) throw new UsageError(`--${row.flag} is required: ${row.required}`);
    if (value === undefined) continue;
    if (row.path && typeof value === 'string' && isFilePath(value)) value = path.resolve(value);
    writeField(input, row.field, value);
  }
  return input as TrainOptionsInput;
}
