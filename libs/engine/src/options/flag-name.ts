// Options fields are their flags in camelCase: `rmspropDecay` is --rmsprop_decay, `logEveryNSteps` --log_every_n_steps.

/** The flag spelling of an options field, so an error names what the user typed. */
export function flagName(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
