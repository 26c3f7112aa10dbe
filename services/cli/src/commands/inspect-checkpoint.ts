// finetune inspect-checkpoint: names, dtypes and shapes of a checkpoint's variables, and values on
// request, as TensorFlow's inspect_checkpoint (V2 bundles, V1 files, or a train dir's newest).
import { formatInspect, openCheckpoint } from '@finetune/checkpoint';
import { isBuiltin, isLayersArtifact, openWeights } from '@finetune/nets';
import { booleanOption, describeConfig, optionalStringOption, parseConfig } from '@finetune/runtime';
import { UsageError, type Command } from '../command';

const options = {
  fileName: optionalStringOption({ flag: 'file_name', doc: 'Checkpoint prefix (model.ckpt-1000), a V1 file, a train dir (its newest checkpoint), builtin:<net>, or a TF.js model.json.' }),
  tensorName: optionalStringOption({ flag: 'tensor_name', doc: 'Print this variable with its values.' }),
  allTensors: booleanOption({ flag: 'all_tensors', doc: 'Print every variable with its values.', default: false }),
};

export const inspectCheckpointCommand: Command = {
  name: 'inspect-checkpoint',
  summary: "list a checkpoint's variables: name, dtype, shape (inspect_checkpoint)",
  async run(argv) {
    if (argv.includes('--help')) {
      process.stdout.write(`usage: finetune inspect-checkpoint --file_name=PATH [--tensor_name=NAME | --all_tensors]\n\n${describeConfig(options)}\n`);
      return 0;
    }
    const config = parseConfig(options, argv, {});
    if (!config.fileName) throw new UsageError('--file_name is required: a checkpoint prefix, a V1 file or a train dir');
    if (isBuiltin(config.fileName) || isLayersArtifact(config.fileName)) {
      // Keras weights mapped onto Slim names: float32 variables, listed as TensorFlow's tool would.
      const weights = await openWeights(config.fileName);
      for (const v of weights.list().sort((a, b) => (a.name < b.name ? -1 : 1))) process.stdout.write(`${v.name} (DT_FLOAT) [${v.shape.join(',')}]\n`);
      await weights.close();
      return 0;
    }
    const reader = await openCheckpoint(config.fileName);
    try {
      const text = await formatInspect(reader, { values: config.allTensors, tensorName: config.tensorName });
      process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    } finally {
      await reader.close();
    }
    return 0;
  },
};
