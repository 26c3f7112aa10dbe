// The evaluator service process: evaluates every new checkpoint (consuming checkpoint.saved) and publishes evaluation.done.
import { runService } from '@finetune/runtime';
import { evaluatorService } from './server';

await runService(evaluatorService);
