// The trainer contract's TrainingConfig to and from TrainOptions, one loop over TRAIN_FLAGS each way: the proto
// is only the wire form. A scalar at its zero value means the default unless its field is `optional`.
import type { trainerV1 } from '@finetune/contracts';
import { enumValue, protoField, readField, writeField, type FlagRow } from './flag-row';
import { TRAIN_FLAGS } from './train-flags';
import { TrainOptionError } from './train-errors';
import type { TrainOptions, TrainOptionsInput } from './train-options';

type Config = trainerV1.TrainingConfig__Output;
type Wire = Record<string, unknown>;

const rows = (TRAIN_FLAGS as readonly FlagRow[]).filter((row) => protoField(row) !== undefined);

/** Proto3's zero values, which a non-optional field cannot tell from "not given". */
function isZero(row: FlagRow, value: unknown): boolean {
  if (row.enum) return value === 0 || value === `${enumValue(row.enum, '')}UNSPECIFIED`;
  return value === 0 || value === '' || value === '0' || value === false || (Array.isArray(value) && value.length === 0);
}

function absent(row: FlagRow, value: unknown): boolean {
  return value === undefined || value === null || (!row.optional && isZero(row, value));
}

/** A wire value as the option's value; an enum number the contract does not have is refused naming the field. */
function fromWire(row: FlagRow, field: string, value: unknown): unknown {
  if (row.type === 'int' && typeof value === 'string') return Number(value);
  if (row.type !== 'choice' || !row.enum) return value;
  const choice = row.choices!().find((c) => enumValue(row.enum!, c) === value);
  if (choice === undefined) {
    const known = row.choices!().map((c) => enumValue(row.enum!, c));
    throw new TrainOptionError(row.flag, value, `config.${field} is not ${article(row.enum)} ${row.enum} value; expected one of ${known.join(', ')}, or unset for the default`);
  }
  return choice;
}

/** "an Optimizer", "a BatchNormMode": the article of an enum's name. */
function article(word: string): string {
  return /^[AEIOU]/i.test(word) ? 'an' : 'a';
}

/**
 * A request's (or a stored job's) TrainingConfig as options; paths are taken as given (the service resolves
 * them against its data root first). Resolve the result once with resolveTrainOptions.
 */
export function trainingConfigToOptions(config: Config): TrainOptionsInput {
  const input = {};
  const wire = config as unknown as Wire;
  for (const row of rows) {
    const field = protoField(row)!;
    const value = wire[field];
    if (absent(row, value)) continue;
    writeField(input, row.field, fromWire(row, field, value));
  }
  return input as TrainOptionsInput;
}

/** The zero value of an unset, non-optional field: what the contract reads as "the default". */
function zeroOf(row: FlagRow): unknown {
  if (row.type === 'list') return [];
  if (row.type === 'bool') return false;
  return row.type === 'number' || row.type === 'int' ? 0 : '';
}

/** Resolved options as a TrainingConfig with every default written out (what a Job reports and a client sends). */
export function optionsToTrainingConfig(o: TrainOptions): trainerV1.TrainingConfig {
  const config: Wire = {};
  for (const row of rows) {
    const value = readField(o, row.field);
    const field = protoField(row)!;
    if (value === undefined) {
      if (!row.optional) config[field] = zeroOf(row);
    } else if (row.int64) config[field] = String(value);
    else if (row.enum) config[field] = enumValue(row.enum, value as string);
    else config[field] = Array.isArray(value) ? [...value] : value;
  }
  return config as trainerV1.TrainingConfig;
}
