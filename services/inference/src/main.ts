// The inference service process: serves predictions from exported models, loading new versions on model.exported.
import { runService } from '@finetune/runtime';
import { inferenceService } from './server';

await runService(inferenceService);
