// The exporter service process: writes versioned, frozen inference models and publishes model.exported.
import { runService } from '@finetune/runtime';
import { exporterService } from './server';

await runService(exporterService);
