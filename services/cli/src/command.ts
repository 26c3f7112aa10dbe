// What a subcommand is: a name, a line of help, and a function from arguments to an exit code.
import { FinetuneError } from '@finetune/runtime';

export interface Command {
  name: string;
  /** One line for `finetune --help`. */
  summary: string;
  run(argv: string[]): Promise<number>;
}

/** A user mistake on the command line: printed as one line, exit code 2, no stack. */
export class UsageError extends FinetuneError {
  constructor(message: string) {
    super('invalid-argument', message);
  }
}
