// Test helpers for the contracts: the .proto files parsed with their comments. Never exported from index.ts.
import path from 'node:path';
import protobuf from 'protobufjs';
import { PROTO_FILES, PROTO_ROOT } from './proto-files';

/** Packages that keep a standard, externally defined shape and so are exempt from Finetune's naming rules. */
export const STANDARD_PACKAGES: readonly string[] = ['grpc.health.v1'];

/**
 * Every contract parsed by protobufjs with alternateCommentMode, so `//` comments directly above a
 * declaration become its `comment` (enum values: `Enum.comments[name]`).
 */
export function loadProtoRootWithComments(): protobuf.Root {
  const root = new protobuf.Root();
  // protobufjs serves google/protobuf/*.proto from its bundled copies whatever the resolved path.
  root.resolvePath = (_origin, target) => (path.isAbsolute(target) ? target : path.join(PROTO_ROOT, target));
  root.loadSync([...PROTO_FILES], { keepCase: true, alternateCommentMode: true });
  root.resolveAll();
  return root;
}

/** Every object of one kind in the tree (messages, enums and services nested at any depth). */
export function collect<T extends protobuf.ReflectionObject>(
  namespace: protobuf.NamespaceBase,
  kind: abstract new (...args: never[]) => T,
): T[] {
  const found: T[] = [];
  for (const nested of namespace.nestedArray) {
    if (nested instanceof kind) found.push(nested);
    if (nested instanceof protobuf.Namespace) found.push(...collect(nested, kind));
  }
  return found;
}

/** The package a type is declared in, e.g. `finetune.trainer.v1` for `.finetune.trainer.v1.Job`. */
export function packageOf(object: protobuf.ReflectionObject): string {
  let parent = object.parent;
  while (parent && !(parent instanceof protobuf.Root) && (parent instanceof protobuf.Type || parent instanceof protobuf.Service)) {
    parent = parent.parent;
  }
  return parent ? parent.fullName.replace(/^\./, '') : '';
}

/** True for types of Finetune's own packages (not google.protobuf, not the standard health protocol). */
export function isFinetuneObject(object: protobuf.ReflectionObject): boolean {
  return object.fullName.startsWith('.finetune.');
}
