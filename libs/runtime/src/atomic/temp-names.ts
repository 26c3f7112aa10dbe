// The one temporary-name scheme of every staged write: `.<label>.tmp-<host>-<pid>-<hex>` beside its target.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';

/** Marks a name as a write in progress; readers skip such names and the next run removes abandoned ones. */
export const TEMP_MARKER = '.tmp-';
/** The marker datasets' staging folders carried before the scheme was one; still recognised so they are cleaned. */
const LEGACY_STAGING_MARKER = '.staging-';

/** This host as a name part: host names may hold dashes and dots, which would blur the parts. */
export function hostTag(): string {
  return hostname().replace(/[^A-Za-z0-9]/g, '_');
}

/** A hidden temporary name for `label` in `dir`, unique per host, process and call. */
export function tempPathIn(dir: string, label: string): string {
  return join(dir, `.${label}${TEMP_MARKER}${hostTag()}-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** The temporary name a write of `target` goes to: in the same folder, so the final rename stays on one file system. */
export function tempPathFor(target: string): string {
  return tempPathIn(dirname(target), basename(target));
}

/** Who wrote a temporary name: `host` is undefined for names of earlier versions, which were always this machine's. */
export interface TempNameOwner {
  host: string | undefined;
  pid: number;
}

/**
 * The writer of a temporary name, or undefined when `name` is not one. Besides the current scheme this reads
 * the names earlier versions wrote (`<file>.tmp-<pid>-<hex>`, `.<name>.staging-[<host>-]<pid>-<hex>-<suffix>`),
 * so a run after an upgrade still cleans what a crash before it left.
 */
export function parseTempName(name: string): TempNameOwner | undefined {
  const tmp = name.lastIndexOf(TEMP_MARKER);
  const staging = name.lastIndexOf(LEGACY_STAGING_MARKER);
  if (tmp < 0 && staging < 0) return undefined;
  const parts = tmp >= staging ? name.slice(tmp + TEMP_MARKER.length).split('-') : name.slice(staging + LEGACY_STAGING_MARKER.length).split('-').slice(0, -1);
  const [host, pid, hex] = parts.length === 2 ? [undefined, ...parts] : parts.length === 3 ? parts : [];
  if (pid === undefined || !/^\d+$/.test(pid) || !hex || !/^[0-9a-z]+$/i.test(hex)) return undefined;
  return { host, pid: Number(pid) };
}
