// The `checkpoint` state file (a CheckpointState text proto) that tells TensorFlow which checkpoints a directory holds.
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { writeFileAtomic } from '@finetune/runtime/atomic-write';
import { CorruptCheckpointError } from './errors';

export const STATE_FILE = 'checkpoint';

export interface CheckpointState {
  /** The newest checkpoint prefix, as written (relative to the directory, or absolute). */
  modelCheckpointPath: string | undefined;
  /** Oldest first, as tf.train.Saver keeps them. */
  allModelCheckpointPaths: string[];
}

/** Reads one C-escaped string literal (text-format quoting) starting after its opening quote. */
function readQuoted(line: string, start: number, quote: string): { value: string; end: number } | undefined {
  const bytes: number[] = [];
  const enc = new TextEncoder();
  let i = start;
  while (i < line.length) {
    const c = line[i];
    if (c === quote) return { value: new TextDecoder().decode(new Uint8Array(bytes)), end: i + 1 };
    if (c !== '\\') {
      const cp = line.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      bytes.push(...enc.encode(ch));
      i += ch.length;
      continue;
    }
    const e = line[i + 1];
    const simple: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, "'": 39, '\\': 92, a: 7, b: 8, f: 12, v: 11, '?': 63 };
    if (e !== undefined && simple[e] !== undefined) {
      bytes.push(simple[e]);
      i += 2;
    } else if (e === 'x' && /^[0-9a-fA-F]{1,2}/.test(line.slice(i + 2))) {
      const hex = /^[0-9a-fA-F]{1,2}/.exec(line.slice(i + 2))![0];
      bytes.push(parseInt(hex, 16));
      i += 2 + hex.length;
    } else if (e !== undefined && /[0-7]/.test(e)) {
      const oct = /^[0-7]{1,3}/.exec(line.slice(i + 1))![0];
      bytes.push(parseInt(oct, 8) & 0xff);
      i += 1 + oct.length;
    } else return undefined;
  }
  return undefined;
}

export function parseCheckpointState(text: string, file: string): CheckpointState {
  const state: CheckpointState = { modelCheckpointPath: undefined, allModelCheckpointPaths: [] };
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, n) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*)$/.exec(line);
    if (!m) throw new CorruptCheckpointError(file, undefined, `line ${n + 1} is not "field: value"`);
    const [, field, rest] = m;
    if (field !== 'model_checkpoint_path' && field !== 'all_model_checkpoint_paths') return; // timestamps and newer fields
    const q = rest[0];
    const parsed = q === '"' || q === "'" ? readQuoted(rest, 1, q) : undefined;
    if (!parsed || rest.slice(parsed.end).trim() !== '') throw new CorruptCheckpointError(file, undefined, `line ${n + 1}: ${field} needs one quoted string`);
    if (field === 'model_checkpoint_path') state.modelCheckpointPath = parsed.value;
    else state.allModelCheckpointPaths.push(parsed.value);
  });
  return state;
}

/** C-escapes like protobuf's text format: quotes, backslash, control and non-ASCII bytes as octal. */
function quote(s: string): string {
  let out = '"';
  for (const b of new TextEncoder().encode(s)) {
    if (b === 0x22) out += '\\"';
    else if (b === 0x5c) out += '\\\\';
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x09) out += '\\t';
    else if (b === 0x0d) out += '\\r';
    else if (b < 0x20 || b >= 0x7f) out += `\\${b.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(b);
  }
  return `${out}"`;
}

export function formatCheckpointState(state: CheckpointState): string {
  const lines: string[] = [];
  if (state.modelCheckpointPath !== undefined) lines.push(`model_checkpoint_path: ${quote(state.modelCheckpointPath)}`);
  for (const p of state.allModelCheckpointPaths) lines.push(`all_model_checkpoint_paths: ${quote(p)}`);
  return `${lines.join('\n')}\n`;
}

/** The state of `dir`, or undefined when it has no state file. */
export async function readCheckpointState(dir: string): Promise<CheckpointState | undefined> {
  const file = join(dir, STATE_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return parseCheckpointState(text, file);
}

export async function writeCheckpointState(dir: string, state: CheckpointState): Promise<void> {
  await writeFileAtomic(join(dir, STATE_FILE), formatCheckpointState(state));
}

/** A prefix from the state file as a path: relative ones are relative to the state file's directory. */
export function resolveStatePath(dir: string, p: string): string {
  return isAbsolute(p) ? p : join(dir, p);
}
