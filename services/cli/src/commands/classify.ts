// finetune classify: one image in, the top labels out, printed as the reference classify_image.py did
// (`water (score = 5.46853)`); from the exported files alone, or through the inference service.
import { readFile } from 'node:fs/promises';
import type { inferenceV1 } from '@finetune/contracts';
import { cpuBudget, initBackend } from '@finetune/engine';
import { describeConfig, enumOption, intOption, optionalStringOption, parseConfig, tlsOptions } from '@finetune/runtime';
import {
  DEFAULT_MAX_IMAGE_PIXELS,
  DEFAULT_TOP_K,
  formatPrediction,
  imageToInput,
  InvalidModelError,
  openLocalPredictor,
  resolveLocalModelPath,
  readLabels,
  resolveTopK,
  SERVING_RUNTIMES,
  topPredictions,
} from '@finetune/serving';
import { UsageError, type Command } from '../command';
import { clientCredentials, clientOptions, contracts, describeGrpcError } from '../grpc-client';

const options = {
  modelPath: optionalStringOption({ flag: 'model_path', doc: 'What export wrote: a version folder (models/flowers/1), a served model folder (its newest version), or the repository with --served_model_name.' }),
  labelPath: optionalStringOption({ flag: 'label_path', doc: "Labels, one a line (or i:name); unset: the exported model's own." }),
  imageFile: optionalStringOption({ flag: 'image_file', doc: 'The JPEG, PNG or WebP image to classify.' }),
  numTopPredictions: intOption({ flag: 'num_top_predictions', doc: 'How many labels to print, best first.', default: DEFAULT_TOP_K, min: 1 }),
  inferenceAddress: optionalStringOption({ flag: 'inference-address', env: 'FINETUNE_INFERENCE_ADDRESS', doc: 'host:port of an inference service to ask; unset: run the model in this process.' }),
  servedModelName: optionalStringOption({ flag: 'served_model_name', doc: "The model of the repository --model_path names, or to ask the service for; unset: the service's default." }),
  modelVersion: intOption({ flag: 'model_version', doc: 'The version of a served model folder, or to ask the service for; 0: the newest.', default: 0, min: 0 }),
  ...tlsOptions,
  runtime: enumOption({
    flag: 'runtime',
    values: SERVING_RUNTIMES,
    doc: 'Without --inference-address: onnx runs model.onnx on ONNX Runtime (a folder without one runs on TF.js); tfjs runs the TF.js graph.',
    default: 'onnx',
  }),
};

export const classifyCommand: Command = {
  name: 'classify',
  summary: 'print the top labels of one image with their scores (classify_image)',
  async run(argv) {
    if (argv.includes('--help')) {
      process.stdout.write(`usage: finetune classify --model_path DIR [--label_path FILE] --image_file x.jpg [--num_top_predictions 5] [--runtime onnx|tfjs] [--inference-address host:port]\n\n${describeConfig(options)}\n`);
      return 0;
    }
    const config = parseConfig(options, argv, process.env);
    if (!config.imageFile) throw new UsageError('--image_file is required: the image to classify');
    let image: Buffer;
    try {
      image = await readFile(config.imageFile);
    } catch (err) {
      throw new UsageError(`--image_file ${config.imageFile}: ${(err as Error).message}`);
    }
    const lines = config.inferenceAddress
      ? await classifyRemote(image, config.inferenceAddress, config.numTopPredictions, config.servedModelName ?? '', config.modelVersion, config)
      : await classifyLocal(image, config.imageFile, config);
    process.stdout.write(lines.map((l) => `${l}\n`).join(''));
    return 0;
  },
};

async function classifyLocal(image: Buffer, source: string, config: ReturnType<typeof parseConfig<typeof options>>): Promise<string[]> {
  const { labelPath, numTopPredictions: topK } = config;
  if (!config.modelPath) throw new UsageError('--model_path is required without --inference-address: the folder export wrote, e.g. --model_path models/flowers');
  const modelPath = await resolveLocalModelPath(config.modelPath, { servedModelName: config.servedModelName, modelVersion: config.modelVersion });
  const backend = await initBackend();
  const local = await openLocalPredictor(modelPath, { runtime: config.runtime, backend: backend.name, onnxThreads: cpuBudget() });
  try {
    const labels = labelPath ? await readLabels(labelPath, '--label_path') : local.metadata?.labels;
    if (!labels) throw new UsageError(`--label_path is required: ${modelPath} has no finetune-model.json naming its labels`);
    if (local.classes !== labels.length) throw new InvalidModelError(modelPath, `has ${local.classes} outputs but --label_path names ${labels.length} labels`);
    const input = await imageToInput(image, { size: local.imageSize, preprocessing: local.preprocessing, alphaBackground: local.alphaBackground, maxPixels: DEFAULT_MAX_IMAGE_PIXELS, source });
    const [logits] = await local.predictor.predict([input]);
    return topPredictions(logits!, labels, resolveTopK(topK, labels.length, '--num_top_predictions')).map(formatPrediction);
  } finally {
    await local.predictor.dispose();
  }
}

async function classifyRemote(image: Buffer, address: string, topK: number, servedModelName: string, modelVersion: number, tls: Parameters<typeof clientCredentials>[0]): Promise<string[]> {
  const client = new contracts.finetune.inference.v1.InferenceService(address, clientCredentials(tls), clientOptions);
  try {
    const response = await new Promise<inferenceV1.ClassifyResponse__Output>((resolve, reject) =>
      client.Classify({ image, top_k: topK, served_model_name: servedModelName, model_version: modelVersion }, (err, res) => (err ? reject(describeGrpcError(err, address)) : resolve(res!))),
    );
    return response.predictions.map(formatPrediction);
  } finally {
    client.close();
  }
}
