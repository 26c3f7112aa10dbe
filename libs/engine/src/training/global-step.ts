// TF's name for the step counter in checkpoints.

/** The int64 scalar every TF-Slim checkpoint carries. */
export const GLOBAL_STEP = 'global_step';
