// Renders a kustomization: real kustomize when the machine has it, else a renderer for exactly the
// subset deploy/k8s uses, so the manifest tests run on a CI machine without kubectl.
//
// The subset: resources (files and kustomization directories), configMapGenerator (files and
// literals, hash suffix disabled), patches (strategic merge, target taken from the patch's kind and
// name), namespace (with bindings' service account subjects), replicas, images. Anything else in a
// kustomization is an error naming the field, never silently ignored. Where kubectl is present the tests check both give the same objects.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
};

/** A kustomization this renderer cannot render, or a manifest it cannot read. */
export class KustomizeRenderError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'KustomizeRenderError';
  }
}

/** Parses a multi-document YAML stream, skipping empty documents. */
export function parseYamlStream(text: string, file: string): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const doc of Array.from(YAML.parseAllDocuments(text))) {
    if (doc.errors.length > 0) throw new KustomizeRenderError(file, `invalid YAML: ${doc.errors[0]!.message}`);
    const value: unknown = doc.toJSON();
    if (value === null || value === undefined) continue;
    if (!isMap(value) || typeof value.kind !== 'string' || typeof value.apiVersion !== 'string' || !isMap(value.metadata)) {
      throw new KustomizeRenderError(file, 'a document is not a Kubernetes object (apiVersion, kind, metadata)');
    }
    objects.push(value as KubeObject);
  }
  return objects;
}

/** The kustomize on PATH: `kustomize build` or `kubectl kustomize` (kustomize v4 or later), if any. */
export function findKustomize(): { command: string; args: string[]; version: string } | undefined {
  const standalone = spawnSync('kustomize', ['version'], { encoding: 'utf8' });
  if (standalone.status === 0) return { command: 'kustomize', args: ['build'], version: standalone.stdout.trim() };
  const kubectl = spawnSync('kubectl', ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
  if (kubectl.status !== 0) return undefined;
  // Debian's kubectl 1.20 embeds kustomize v2, which knows neither `patches` nor `replicas`.
  let version = '';
  try {
    version = String((JSON.parse(kubectl.stdout) as { kustomizeVersion?: string }).kustomizeVersion ?? '');
  } catch {
    return undefined;
  }
  const major = Number(/^v?(\d+)/.exec(version)?.[1] ?? 0);
  return major >= 4 ? { command: 'kubectl', args: ['kustomize'], version } : undefined;
}

/** Runs real kustomize on a kustomization directory. */
export function renderWithKustomize(tool: { command: string; args: string[] }, dir: string): KubeObject[] {
  const run = spawnSync(tool.command, [...tool.args, dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new KustomizeRenderError(dir, `${tool.command} ${tool.args.join(' ')} failed: ${run.stderr.trim()}`);
  return parseYamlStream(run.stdout, `${tool.command} ${tool.args.join(' ')} ${dir}`);
}

const SUPPORTED_FIELDS = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'replicas', 'images', 'patches', 'configMapGenerator', 'generatorOptions']);

// Kinds the namespace transformer leaves alone: they have no namespace.
const CLUSTER_SCOPED_KINDS = new Set(['Namespace', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition']);

interface Kustomization {
  resources?: string[];
  namespace?: string;
  replicas?: Array<{ name: string; count: number }>;
  images?: Array<{ name: string; newName?: string; newTag?: string }>;
  patches?: Array<{ path?: string; [key: string]: unknown }>;
  configMapGenerator?: Array<{ name: string; files?: string[]; literals?: string[]; [key: string]: unknown }>;
  generatorOptions?: { disableNameSuffixHash?: boolean; labels?: Record<string, string>; annotations?: Record<string, string>; [key: string]: unknown };
}

/** Renders the kustomization in `dir` with the subset described at the top of this file. */
export function renderKustomization(dir: string): KubeObject[] {
  const file = path.join(dir, 'kustomization.yaml');
  const k = YAML.parse(readFileSync(file, 'utf8')) as Kustomization & Record<string, unknown>;
  for (const field of Object.keys(k)) {
    if (!SUPPORTED_FIELDS.has(field)) throw new KustomizeRenderError(file, `field "${field}" is not supported by this renderer`);
  }

  const objects: KubeObject[] = [];
  for (const entry of k.resources ?? []) {
    const target = path.resolve(dir, entry);
    if (statSync(target).isDirectory()) objects.push(...renderKustomization(target));
    else objects.push(...parseYamlStream(readFileSync(target, 'utf8'), target));
  }
  objects.push(...generateConfigMaps(k, file, dir));

  for (const patch of k.patches ?? []) {
    const extra = Object.keys(patch).filter((key) => key !== 'path');
    if (!patch.path || extra.length > 0) throw new KustomizeRenderError(file, `a patch must be just {path} (got ${JSON.stringify(patch)})`);
    const patchFile = path.resolve(dir, patch.path);
    for (const p of parseYamlStream(readFileSync(patchFile, 'utf8'), patchFile)) {
      const i = objects.findIndex((o) => o.kind === p.kind && o.metadata.name === p.metadata.name);
      if (i === -1) throw new KustomizeRenderError(patchFile, `no ${p.kind} named ${p.metadata.name} to patch`);
      objects[i] = strategicMerge(objects[i], p, patchFile) as KubeObject;
    }
  }

  if (k.namespace !== undefined) {
    for (const o of objects) if (!CLUSTER_SCOPED_KINDS.has(o.kind)) o.metadata.namespace = k.namespace;
    // As kustomize does: a binding's service account without a namespace is the one in this namespace.
    for (const o of objects.filter((x) => x.kind === 'RoleBinding' || x.kind === 'ClusterRoleBinding')) {
      for (const subject of (o.subjects ?? []) as Array<{ kind: string; namespace?: string }>) {
        if (subject.kind === 'ServiceAccount' && subject.namespace === undefined) subject.namespace = k.namespace;
      }
    }
  }
  for (const { name, count } of k.replicas ?? []) {
    const matches = objects.filter((o) => ['Deployment', 'StatefulSet', 'ReplicaSet'].includes(o.kind) && o.metadata.name === name);
    if (matches.length === 0) throw new KustomizeRenderError(file, `replicas: no workload named ${name}`);
    for (const o of matches) (o.spec as Record<string, unknown>).replicas = count;
  }
  for (const image of k.images ?? []) {
    for (const container of podContainers(objects)) {
      const { name, tag } = splitImage(String(container.image));
      if (name !== image.name) continue;
      container.image = `${image.newName ?? name}${image.newTag !== undefined ? `:${image.newTag}` : tag}`;
    }
  }
  return objects;
}

function generateConfigMaps(k: Kustomization, file: string, dir: string): KubeObject[] {
  if (!k.configMapGenerator) return [];
  const options = k.generatorOptions ?? {};
  const unknownOptions = Object.keys(options).filter((key) => !['disableNameSuffixHash', 'labels', 'annotations'].includes(key));
  if (unknownOptions.length > 0) throw new KustomizeRenderError(file, `generatorOptions.${unknownOptions[0]} is not supported by this renderer`);
  // The hash suffix would also rename every reference to the ConfigMap; this renderer does not.
  if (options.disableNameSuffixHash !== true) throw new KustomizeRenderError(file, 'configMapGenerator needs generatorOptions.disableNameSuffixHash: true');
  return k.configMapGenerator.map((g) => {
    const unknown = Object.keys(g).filter((key) => !['name', 'files', 'literals'].includes(key));
    if (unknown.length > 0) throw new KustomizeRenderError(file, `configMapGenerator ${g.name}: field "${unknown[0]}" is not supported by this renderer`);
    const data: Record<string, string> = {};
    for (const f of g.files ?? []) {
      const [key, source] = f.includes('=') ? (f.split('=', 2) as [string, string]) : [path.basename(f), f];
      data[key] = readFileSync(path.resolve(dir, source), 'utf8');
    }
    for (const literal of g.literals ?? []) {
      const eq = literal.indexOf('=');
      if (eq <= 0) throw new KustomizeRenderError(file, `configMapGenerator ${g.name}: literal "${literal}" is not KEY=VALUE`);
      data[literal.slice(0, eq)] = literal.slice(eq + 1);
    }
    const metadata: KubeObject['metadata'] = { name: g.name };
    if (options.labels) metadata.labels = { ...options.labels };
    if (options.annotations) metadata.annotations = { ...options.annotations };
    return { apiVersion: 'v1', kind: 'ConfigMap', metadata, data };
  });
}

// Lists merged element by element, on this key, as the Kubernetes API declares them
// (x-kubernetes-patch-merge-key). Lists declared atomic are replaced whole. A patch touching any
// other list is an error, so the renderer never guesses.
const MERGE_KEYS: Record<string, string> = { containers: 'name', initContainers: 'name', env: 'name', volumes: 'name', volumeMounts: 'mountPath' };
const ATOMIC_LISTS = new Set(['tolerations', 'args', 'command', 'accessModes', 'metrics']);

/**
 * Strategic merge patch, as kustomize (kyaml) applies it: maps merge, `null` deletes a field, keyed
 * lists merge by key with the patch's elements first, in patch order, then the untouched ones.
 */
export function strategicMerge(base: unknown, patch: unknown, file: string, field = ''): unknown {
  if (patch === null) return undefined;
  if (Array.isArray(patch)) {
    const key = MERGE_KEYS[field];
    if (key !== undefined) {
      const original = Array.isArray(base) ? (base as Record<string, unknown>[]) : [];
      const patched = (patch as Record<string, unknown>[]).map((item) => {
        if (!isMap(item) || Object.keys(item).some((k) => k.startsWith('$'))) throw new KustomizeRenderError(file, `${field}: directives such as $patch are not supported`);
        return strategicMerge(original.find((o) => o[key] === item[key]), item, file, field) as Record<string, unknown>;
      });
      const keys = new Set(patched.map((item) => item[key]));
      return [...patched, ...original.filter((o) => !keys.has(o[key]))];
    }
    if (ATOMIC_LISTS.has(field) || base === undefined) return patch.map((item) => (isMap(item) ? strategicMerge(undefined, item, file) : item));
    throw new KustomizeRenderError(file, `patching the list "${field}" is not supported by this renderer`);
  }
  if (isMap(patch)) {
    if (Object.keys(patch).some((k) => k.startsWith('$'))) throw new KustomizeRenderError(file, `${field}: directives such as $patch are not supported`);
    const merged: Record<string, unknown> = isMap(base) ? { ...base } : {};
    for (const [k, v] of Object.entries(patch)) {
      const value = strategicMerge(merged[k], v, file, k);
      if (value === undefined) delete merged[k];
      else merged[k] = value;
    }
    return merged;
  }
  return patch;
}

/** Every container of every pod template (Deployments, StatefulSets, ...), init containers included. */
export function podContainers(objects: readonly KubeObject[]): Array<Record<string, unknown>> {
  const containers: Array<Record<string, unknown>> = [];
  for (const o of objects) {
    const podSpec = (o.spec as { template?: { spec?: Record<string, unknown> } } | undefined)?.template?.spec;
    if (!podSpec) continue;
    for (const list of ['initContainers', 'containers']) {
      if (Array.isArray(podSpec[list])) containers.push(...(podSpec[list] as Array<Record<string, unknown>>));
    }
  }
  return containers;
}

// `registry:5000/a/b:tag` → name `registry:5000/a/b`, tag `:tag`; a digest counts as the tag.
function splitImage(image: string): { name: string; tag: string } {
  const at = image.indexOf('@');
  if (at !== -1) return { name: image.slice(0, at), tag: image.slice(at) };
  const colon = image.lastIndexOf(':');
  if (colon > image.lastIndexOf('/')) return { name: image.slice(0, colon), tag: image.slice(colon) };
  return { name: image, tag: '' };
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
