// Checks that FINETUNE_EVENTS and the subjects documented in events.proto agree, one event per message.
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { FINETUNE_EVENTS } from './event-subjects';
import { loadProtoRootWithComments } from './testing';

const eventsPackage = loadProtoRootWithComments().lookup('finetune.events.v1') as protobuf.Namespace;
const eventMessages = eventsPackage.nestedArray.filter((n): n is protobuf.Type => n instanceof protobuf.Type);
const entries = Object.values(FINETUNE_EVENTS.events);

describe('event subjects', () => {
  it('event subjects - every events.v1 message has exactly one FINETUNE_EVENTS entry and vice versa', () => {
    expect(entries.map((e) => e.messageType).sort()).toEqual(eventMessages.map((m) => m.fullName.slice(1)).sort());
  });

  it('event subjects - the subject in each message comment is the one in FINETUNE_EVENTS', () => {
    for (const message of eventMessages) {
      const documented = /Subject: `([^`]+)`/.exec(message.comment ?? '')?.[1];
      const entry = entries.find((e) => e.messageType === message.fullName.slice(1));
      expect(documented, message.fullName).toBe(entry?.subject);
    }
  });

  it('event subjects - subjects are unique and captured by the stream', () => {
    const subjects = entries.map((e) => e.subject);
    expect(new Set(subjects).size).toBe(subjects.length);
    const prefix = FINETUNE_EVENTS.streamSubjects[0].replace(/>$/, '');
    for (const subject of subjects) expect(subject.startsWith(prefix), subject).toBe(true);
    expect(FINETUNE_EVENTS.stream).toBe('FINETUNE_EVENTS');
  });
});
