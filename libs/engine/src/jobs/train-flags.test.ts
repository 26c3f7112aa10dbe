// TRAIN_FLAGS held against trainer.proto's descriptor in both directions, so the table and the wire form cannot drift.
import path from 'node:path';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { PROTO_ROOT } from '@finetune/contracts';
import { enumPrefix, protoField, type FlagRow } from './flag-row';
import { TRAIN_FLAGS } from './train-flags';

const root = new protobuf.Root();
root.resolvePath = (_origin, target) => (path.isAbsolute(target) ? target : path.join(PROTO_ROOT, target));
root.loadSync('finetune/trainer/v1/trainer.proto', { keepCase: true });
const config = root.lookupType('finetune.trainer.v1.TrainingConfig');
const rows = TRAIN_FLAGS as readonly FlagRow[];
const onWire = rows.filter((row) => protoField(row) !== undefined);

/** The row types a proto field type can carry. */
const TYPES: Record<string, FlagRow['type'][]> = {
  double: ['number'],
  float: ['number'],
  int32: ['int'],
  uint32: ['int'],
  int64: ['int'],
  bool: ['bool'],
  string: ['string', 'choice'],
};

describe('train flags', () => {
  it('train flags - every TrainingConfig field has a row, and every row on the wire a field', () => {
    expect(onWire.map(protoField).sort()).toEqual(config.fieldsArray.map((f) => f.name).sort());
    expect(new Set(rows.map((row) => row.flag)).size).toBe(rows.length);
  });

  it('train flags - each row has its field’s type, optional-ness and enum choices', () => {
    for (const row of onWire) {
      const field = config.fields[protoField(row)!]!;
      const where = `--${row.flag} (TrainingConfig.${field.name})`;
      // proto3 `optional` is a synthetic oneof of its own.
      expect(field.partOf !== null && field.partOf.name === `_${field.name}`, `${where} optional`).toBe(row.optional === true);
      if (row.type === 'list') {
        expect(field.repeated && field.type === 'string', `${where} is a repeated string`).toBe(true);
        continue;
      }
      expect(field.repeated, `${where} repeated`).toBe(false);
      expect(row.int64 === true, `${where} int64`).toBe(field.type === 'int64');
      const resolved = field.resolve().resolvedType;
      if (resolved instanceof protobuf.Enum) {
        expect(row.type, `${where} is a choice`).toBe('choice');
        expect(row.enum, `${where} names its enum`).toBe(resolved.name);
        const prefix = enumPrefix(resolved.name);
        const wire = Object.keys(resolved.values).filter((name) => name !== `${prefix}UNSPECIFIED`);
        const expected = row.choices!().map((c) => `${prefix}${c.toUpperCase().replace(/-/g, '_')}`);
        expect(wire.sort(), `${where} choices`).toEqual(expected.sort());
      } else {
        expect(row.enum, `${where} has no enum`).toBeUndefined();
        expect(TYPES[field.type], `${where} type ${field.type}`).toContain(row.type);
      }
    }
  });

  it('train flags - rows are complete: a default or an unset meaning, ranges on numbers, choices on choices', () => {
    for (const row of rows) {
      if (row.type === 'choice') expect(row.choices?.().length, row.flag).toBeGreaterThan(0);
      if (row.type === 'int') expect(row.range?.min, `--${row.flag} has a minimum`).toBeTypeOf('number');
      expect(row.doc.length, `--${row.flag} has a doc line`).toBeGreaterThan(5);
    }
  });
});
