// What one training flag is: a row of TRAIN_FLAGS, from which the CLI, the wire form and resolution are derived.
import type { trainerV1 } from '@finetune/contracts';
import type { OptimizerOptions } from '../optimizers/optimizer-options';
import type { ValueRange } from '../options/value-range';
import type { TrainOptions } from './train-options';

export type FlagType = 'number' | 'int' | 'string' | 'bool' | 'choice' | 'list';
export type FlagValue = number | string | boolean | readonly string[];

/** A TrainOptions field; the optimizer's hyper-parameters sit inside `optimizerOptions`. */
export type OptionField = Exclude<keyof TrainOptions, 'optimizerOptions'> | `optimizerOptions.${keyof OptimizerOptions}`;

export interface FlagRow {
  /** The reference's spelling: the CLI's --flag and the name every error gives. */
  readonly flag: string;
  /** Where the value lives in TrainOptions. */
  readonly field: OptionField;
  /** Its TrainingConfig field; false: not on the wire. @default the flag */
  readonly proto?: keyof trainerV1.TrainingConfig | false;
  /** proto3 `optional`: absence means the default. Otherwise the field's zero value does. */
  readonly optional?: boolean;
  readonly type: FlagType;
  /** The default, a named constant with units; absent: unset, and the doc says what unset means. */
  readonly default?: FlagValue;
  /** Allowed values of a number; an int takes `min`, inclusive. */
  readonly range?: ValueRange;
  /** Allowed values of a choice, from the factory that owns them. */
  readonly choices?: () => readonly string[];
  /** A string's syntax: `parse` gives the value's one spelling (kept), or undefined when it is not one; `expected` says what is. */
  readonly syntax?: { parse(value: string): string | undefined; expected: string };
  /** The proto enum of a choice; its values are the enum's screaming-snake name, `_`, the choice upper-cased. */
  readonly enum?: string;
  /** An unknown choice reads `unknown <noun>; known <noun>s: …` rather than `expected one of …`. */
  readonly noun?: string;
  /** An int64 on the wire: a decimal string there. */
  readonly int64?: boolean;
  /** A file or folder: made absolute by the CLI, confined to the data root by the service. */
  readonly path?: boolean;
  /** Must be given; says what it is for. */
  readonly required?: string;
  /** One line for --help. */
  readonly doc: string;
}

/** The TrainingConfig field of a row, or undefined when it has none. */
export function protoField(row: FlagRow): keyof trainerV1.TrainingConfig | undefined {
  if (row.proto === false) return undefined;
  return row.proto ?? (row.flag as keyof trainerV1.TrainingConfig);
}

/** `BatchNormMode` -> `BATCH_NORM_MODE_`, as proto style prefixes enum values. */
export function enumPrefix(enumName: string): string {
  return `${enumName.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}_`;
}

/** The wire name of a choice: `batch-statistics` of BatchNormMode is `BATCH_NORM_MODE_BATCH_STATISTICS`. */
export function enumValue(enumName: string, choice: string): string {
  return `${enumPrefix(enumName)}${choice.toUpperCase().replace(/-/g, '_')}`;
}

/** The command line spells every choice in snake_case, as the reference's flags: `batch-statistics` is `batch_statistics`. */
export function cliChoice(choice: string): string {
  return choice.replace(/-/g, '_');
}

/** Reads a row's field of (partial) options. */
export function readField(o: object, field: OptionField): unknown {
  const [head, key] = field.split('.') as [string, string | undefined];
  const value = (o as Record<string, unknown>)[head];
  return key === undefined ? value : (value as Record<string, unknown> | undefined)?.[key];
}

/** Writes a row's field of (partial) options, making `optimizerOptions` as needed. */
export function writeField(o: object, field: OptionField, value: unknown): void {
  const [head, key] = field.split('.') as [string, string | undefined];
  const target = o as Record<string, unknown>;
  if (key === undefined) target[head] = value;
  else ((target[head] ??= {}) as Record<string, unknown>)[key] = value;
}
