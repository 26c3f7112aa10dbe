// Checks the .proto files against the contract style: comments everywhere, enum zero values, names, units.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { PROTO_FILES, PROTO_ROOT } from './proto-files';
import { STANDARD_PACKAGES, collect, isFinetuneObject, loadProtoRootWithComments, packageOf } from './testing';

const root = loadProtoRootWithComments();
const ours = (object: protobuf.ReflectionObject) => !object.fullName.startsWith('.google.');
const messages = collect(root, protobuf.Type).filter(ours);
const enums = collect(root, protobuf.Enum).filter(ours);
const services = collect(root, protobuf.Service).filter(ours);
const isStandard = (object: protobuf.ReflectionObject) => STANDARD_PACKAGES.includes(packageOf(object));

// A proto3 `optional` field sits in a synthetic oneof `_<field>` that has no source text to comment.
const isSyntheticOneof = (oneof: protobuf.OneOf) => oneof.fieldsArray.length === 1 && oneof.name === `_${oneof.fieldsArray[0]?.name}`;

function hasComment(comment: string | null | undefined): boolean {
  return typeof comment === 'string' && comment.trim().length > 0;
}

function screamingSnake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

describe('proto style', () => {
  it('proto style - finds the contracts it checks', () => {
    expect(messages.length).toBeGreaterThan(40);
    expect(enums.length).toBeGreaterThan(5);
    expect(services.map((s) => s.name).sort()).toEqual([
      'DatasetService',
      'EvaluatorService',
      'ExporterService',
      'Health',
      'InferenceService',
      'TrainerService',
    ]);
  });

  it('proto style - every file starts with a one-line comment saying what it is for', () => {
    for (const file of PROTO_FILES) {
      const firstLine = readFileSync(path.join(PROTO_ROOT, file), 'utf8').split('\n')[0] ?? '';
      expect(firstLine, file).toMatch(/^\/\/ \S/);
    }
  });

  it('proto style - every package is versioned and lives in the folder of its name', () => {
    for (const file of PROTO_FILES) {
      const text = readFileSync(path.join(PROTO_ROOT, file), 'utf8');
      const declared = /^package\s+([\w.]+);/m.exec(text)?.[1];
      expect(declared, file).toBe(path.posix.dirname(file).replaceAll('/', '.'));
      expect(declared, file).toMatch(/\.v\d+$/);
    }
  });

  it('proto style - every message, field and oneof has a comment', () => {
    const missing: string[] = [];
    for (const message of messages) {
      if (!hasComment(message.comment)) missing.push(message.fullName);
      for (const field of message.fieldsArray) if (!hasComment(field.comment)) missing.push(field.fullName);
      for (const oneof of message.oneofsArray) {
        if (!isSyntheticOneof(oneof) && !hasComment(oneof.comment)) missing.push(oneof.fullName);
      }
    }
    expect(missing).toEqual([]);
  });

  it('proto style - every enum and enum value has a comment', () => {
    const missing: string[] = [];
    for (const enumType of enums) {
      if (!hasComment(enumType.comment)) missing.push(enumType.fullName);
      for (const value of Object.keys(enumType.values)) {
        if (!hasComment(enumType.comments[value])) missing.push(`${enumType.fullName}.${value}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('proto style - every service and RPC has a comment', () => {
    const missing: string[] = [];
    for (const service of services) {
      if (!hasComment(service.comment)) missing.push(service.fullName);
      for (const method of service.methodsArray) if (!hasComment(method.comment)) missing.push(method.fullName);
    }
    expect(missing).toEqual([]);
  });

  it('proto style - every enum has a zero value ENUM_NAME_UNSPECIFIED and every value carries the prefix', () => {
    for (const enumType of enums.filter((e) => !isStandard(e))) {
      const prefix = screamingSnake(enumType.name);
      const zero = Object.entries(enumType.values).find(([, number]) => number === 0)?.[0];
      expect(zero, enumType.fullName).toBe(`${prefix}_UNSPECIFIED`);
      for (const value of Object.keys(enumType.values)) expect(value, enumType.fullName).toMatch(new RegExp(`^${prefix}_[A-Z0-9_]+$`));
    }
  });

  it('proto style - field names are snake_case and type names PascalCase', () => {
    for (const message of messages) {
      expect(message.name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
      for (const field of message.fieldsArray) expect(field.name, field.fullName).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
    }
  });

  it('proto style - every RPC has its own Request and Response message named after it', () => {
    const used = new Map<string, string>();
    for (const service of services.filter((s) => !isStandard(s))) {
      for (const method of service.methodsArray) {
        method.resolve();
        const request = method.resolvedRequestType;
        const response = method.resolvedResponseType;
        expect(request?.name, method.fullName).toBe(`${method.name}Request`);
        expect(response?.name, method.fullName).toBe(`${method.name}Response`);
        for (const type of [request, response]) {
          if (!type) continue;
          expect(packageOf(type), method.fullName).toBe(packageOf(service));
          expect(used.get(type.fullName), `${type.fullName} is used by two RPCs`).toBeUndefined();
          used.set(type.fullName, method.fullName);
        }
      }
    }
    // And no message is named like an RPC message without being one.
    const strays = messages
      .filter((m) => isFinetuneObject(m) && /(Request|Response)$/.test(m.name) && !used.has(m.fullName))
      .map((m) => m.fullName);
    expect(strays).toEqual([]);
  });

  it('proto style - durations and sizes carry their unit, times are Timestamps', () => {
    for (const message of messages.filter((m) => !isStandard(m))) {
      for (const field of message.fieldsArray) {
        expect(field.name, field.fullName).not.toMatch(/_(time|duration|interval|timeout|latency|elapsed|bytes_size|length)$/);
        if (/_at$/.test(field.name)) expect(field.type, field.fullName).toBe('google.protobuf.Timestamp');
        if (field.type === 'google.protobuf.Timestamp') expect(field.name, field.fullName).toMatch(/_at$/);
      }
    }
  });
});
