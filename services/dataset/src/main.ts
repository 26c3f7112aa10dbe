// The dataset service process: turns folders of images into TFRecord shards with a manifest, and publishes dataset.converted.
import { runService } from '@finetune/runtime';
import { datasetService } from './server';

await runService(datasetService);
