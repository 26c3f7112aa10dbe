// Reads a label file: `label.txt` as `finetune prepare` writes it (line i is label i), or TF-Slim's `labels.txt` (`i:name`).
import { readFile } from 'node:fs/promises';
import { InvalidExportError } from './errors';

/** Labels by index; `field` names the flag or request field the file came from, for errors. */
export function parseLabels(text: string, file: string, field: string): string[] {
  const lines = text.split(/\r?\n/);
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) throw new InvalidExportError(field, `${file} holds no labels`);
  const indexed = lines.every((l) => /^\d+:/.test(l));
  if (!indexed) return lines;
  const labels: string[] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    const index = Number(line.slice(0, colon));
    if (labels[index] !== undefined) throw new InvalidExportError(field, `${file} names label ${index} twice`);
    labels[index] = line.slice(colon + 1);
  }
  const gap = labels.findIndex((l) => l === undefined);
  if (gap >= 0 || labels.length !== lines.length) throw new InvalidExportError(field, `${file} has no label ${gap >= 0 ? gap : lines.length}: indices must run 0..${lines.length - 1}`);
  return labels;
}

export async function readLabels(file: string, field: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new InvalidExportError(field, `cannot read ${file} (${(cause as Error).message})`, { cause });
  }
  return parseLabels(text, file, field);
}
