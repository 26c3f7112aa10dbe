// What transparent pixels are composited on before they reach a net (--alpha_background): one colour, written once.
import { NetsError } from '../errors';

/** White, as emoji and logos are drawn for; also what an old sidecar or export without the field means. */
export const DEFAULT_ALPHA_BACKGROUND = '#ffffff';

/** What a value must look like, for errors that name the flag. */
export const ALPHA_BACKGROUND_SYNTAX = 'a colour #rrggbb (e.g. #808080), white or black';

const NAMED: Record<string, string> = { white: '#ffffff', black: '#000000' };

/** A colour that is not one; `where` names the flag, field or file it came from. */
export class InvalidAlphaBackgroundError extends NetsError {
  constructor(
    readonly value: unknown,
    readonly where: string,
  ) {
    super('invalid-argument', `${where}: ${JSON.stringify(value)} is not ${ALPHA_BACKGROUND_SYNTAX}`);
  }
}

/** The colour's one spelling, lower-case `#rrggbb` (`White` and `#FFFFFF` are `#ffffff`); undefined if it is not a colour. */
export function parseAlphaBackground(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase();
  if (Object.hasOwn(NAMED, v)) return NAMED[v];
  return /^#[0-9a-f]{6}$/.test(v) ? v : undefined;
}

/** An optional flag's value checked where it enters: its one spelling, or undefined when unset. */
export function alphaBackgroundFlag(value: string | undefined, where = '--alpha_background'): string | undefined {
  if (value === undefined) return undefined;
  const colour = parseAlphaBackground(value);
  if (colour === undefined) throw new InvalidAlphaBackgroundError(value, where);
  return colour;
}

/**
 * The colour a net is fed on: `flag` (an --alpha_background override) wins, else what the weights' sidecar
 * records, else white (sidecars and exports older than the field). `recordedIn` names the sidecar file in errors,
 * `flagName` the flag or request field.
 */
export function chooseAlphaBackground(flag: string | undefined, recorded: string | undefined, recordedIn: string, flagName = '--alpha_background'): string {
  return alphaBackgroundFlag(flag, flagName) ?? alphaBackgroundFlag(recorded, `${recordedIn} field alphaBackground`) ?? DEFAULT_ALPHA_BACKGROUND;
}
