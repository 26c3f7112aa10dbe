// Encodes and decodes events against their proto message types, so a malformed event fails loudly
// at the publisher and a consumer always sees every field (defaults filled in).
import protobuf from 'protobufjs';
import { FINETUNE_EVENTS, PROTO_FILES, PROTO_ROOT, type FinetuneEventInput, type FinetuneEventName, type FinetuneEventOutput } from '@finetune/contracts';
import { FinetuneError } from '@finetune/runtime/finetune-error';

/** A payload that does not fit its event's message type. */
export class InvalidEventError extends FinetuneError {
  constructor(
    readonly event: FinetuneEventName,
    message: string,
  ) {
    super('invalid-argument', `invalid ${event} event: ${message}`);
  }
}

let root: protobuf.Root | undefined;
function messageType(event: FinetuneEventName): protobuf.Type {
  if (!root) {
    root = new protobuf.Root();
    root.resolvePath = (_origin, target) => (target.startsWith('google/protobuf/') ? target : `${PROTO_ROOT}/${target}`);
    root.loadSync(PROTO_FILES.filter((f) => f.startsWith('finetune/')), { keepCase: true });
    root.resolveAll();
  }
  return root.lookupType(FINETUNE_EVENTS.events[event].messageType);
}

const TO_OBJECT = { longs: String, enums: String, defaults: true, oneofs: true } as const;

export function encodeEvent<N extends FinetuneEventName>(event: N, payload: FinetuneEventInput<N>): Uint8Array {
  const type = messageType(event);
  const problem = type.verify(type.toObject(type.fromObject(payload as object)));
  if (problem) throw new InvalidEventError(event, problem);
  for (const key of Object.keys(payload as object)) {
    if (!type.fields[key]) throw new InvalidEventError(event, `unknown field "${key}"; ${type.name} has ${Object.keys(type.fields).join(', ')}`);
  }
  return new TextEncoder().encode(JSON.stringify(type.toObject(type.fromObject(payload as object), TO_OBJECT)));
}

export function decodeEvent<N extends FinetuneEventName>(event: N, data: Uint8Array): FinetuneEventOutput<N> {
  const type = messageType(event);
  let json: object;
  try {
    json = JSON.parse(new TextDecoder().decode(data)) as object;
  } catch (err) {
    throw new InvalidEventError(event, `not JSON: ${(err as Error).message}`);
  }
  return type.toObject(type.fromObject(json), TO_OBJECT) as FinetuneEventOutput<N>;
}
