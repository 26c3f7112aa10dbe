// The trainer service process: runs fine-tuning jobs, saves checkpoints and publishes checkpoint.saved and job progress.
import { runService } from '@finetune/runtime';
import { trainerService } from './server';

await runService(trainerService);
