// finetune demo: the whole pipeline on the embedded default (or --data <folder>), through the services.
import path from 'node:path';
import { booleanOption, describeConfig, enumOption, intOption, optionalStringOption, parseConfig, stringOption } from '@finetune/runtime';
import type { Command } from '../command';
import { openDemoBoard } from '../demo/demo-board';
import { writeEmojiImageSet } from '../demo/emoji-image-set';
import { prepareDemoStateDir } from '../demo/demo-state-dir';
import { startLocalStack } from '../demo/local-stack';
import { runDemo } from '../demo/run-demo';
import { linkUserImageSet } from '../demo/user-image-set';

const options = {
  data: optionalStringOption({ flag: 'data', doc: 'Your own folder of class subfolders; unset: Noto emoji of four kinds (clothing, mammals, produce, vehicles) from emoji-datasource-google.' }),
  model: enumOption({ flag: 'model', doc: 'Network to fine-tune, from its builtin weights.', default: 'mobilenet_v2', values: ['mobilenet_v2', 'inception_v3'] as const }),
  mode: enumOption({ flag: 'mode', doc: 'What is trained: the head, every layer, the deeper layers and the head, or the head then every layer in one job.', default: 'head', values: ['head', 'all', 'deep', 'two-stage'] as const }),
  steps: intOption({ flag: 'steps', doc: 'Training steps (--max_number_of_steps).', default: 100, min: 1 }),
  imageSize: intOption({ flag: 'image-size', doc: 'Input size in pixels (--train_image_size).', default: 224, min: 32 }),
  batchSize: intOption({ flag: 'batch-size', doc: 'Training batch (--batch_size).', default: 32, min: 1 }),
  perClass: intOption({ flag: 'per-class', doc: 'Emoji images per class (embedded set only).', default: 45, min: 4 }),
  stateDir: stringOption({ flag: 'state-dir', env: 'FINETUNE_STATE_DIR', doc: 'Where datasets, checkpoints and models go; emptied at the start of each run unless --resume.', default: '.finetune/demo' }),
  keepBoard: booleanOption({ flag: 'keep-board', doc: 'Leave the board up after the demo ends, until Ctrl-C; unset: nothing keeps running.', default: false }),
  resume: booleanOption({ flag: 'resume', doc: "Keep the state dir of the last run: training continues from its newest checkpoint.", default: false }),
};

export const demoCommand: Command = {
  name: 'demo',
  summary: 'run the whole pipeline on the embedded default: prepare, train, evaluate, export, serve, classify',
  async run(argv) {
    if (argv.includes('--help')) {
      process.stdout.write(`usage: finetune demo [--data <folder>] [--model mobilenet_v2] [--mode head|all|deep|two-stage] [--resume]\n\n${describeConfig(options)}\n`);
      return 0;
    }
    const config = parseConfig(options, argv, process.env);
    const stateDir = path.resolve(config.stateDir);
    const t0 = Date.now();
    const state = await prepareDemoStateDir(stateDir, config.resume);
    if (state === 'resumed') process.stdout.write(`resuming the last run in ${stateDir} (--resume)\n`);
    process.stdout.write(`[1/7] images: ${config.data ? config.data : 'Noto emoji from the npm package emoji-datasource-google'}\n`);
    const images = config.data
      ? await linkUserImageSet(config.data, path.join(stateDir, 'images'), 1)
      : await writeEmojiImageSet(path.join(stateDir, 'images'), config.perClass, 2);
    process.stdout.write(`  ${images.heldOut.length} held out for the end; the rest in ${images.pic}\n`);
    process.stdout.write('\n[2/7] services: a local nats-server -js and the five services\n');
    const stack = await startLocalStack(stateDir, (line) => process.stdout.write(`  ${line}\n`));
    const trainRoot = path.join(stateDir, 'train');
    const board = await openDemoBoard(trainRoot).catch(async (err: unknown) => {
      await stack.stop();
      throw err;
    });
    process.stdout.write(`  board      ${board.url}  loss, accuracy and the confusion matrix, live (finetune board --logdir ${trainRoot})\n`);
    try {
      await runDemo(stack, images, stateDir, {
        modelName: config.model,
        mode: config.mode,
        steps: config.steps,
        imageSize: config.imageSize,
        batchSize: config.batchSize,
        topK: 5,
      });
    } catch (err) {
      await board.finish(false);
      throw err;
    } finally {
      await stack.stop();
    }
    process.stdout.write(`\ndone in ${((Date.now() - t0) / 1000).toFixed(0)} s; services stopped. Serve the model again: npx finetune serve all --state-dir ${config.stateDir}\n`);
    if (config.keepBoard) process.stdout.write(`board still at ${board.url}; Ctrl-C to stop it\n`);
    else process.stdout.write(`board stopped; see the runs again: npx finetune board --logdir ${trainRoot}\n`);
    await board.finish(config.keepBoard);
    return 0;
  },
};
