import { describe, expect, it } from 'vitest';
import { resolveTrainOptions } from '@finetune/engine';
import { parseConfig } from '@finetune/runtime';
import { trainFlagOptions, trainInput } from './train-flags';

const required = ['--train_dir', '/t/train', '--dataset_dir', '/t/data'];
const augment = (...argv: string[]) => trainInput(parseConfig(trainFlagOptions, [...required, ...argv], {})).augment;

describe('train flags', () => {
  it('train flags - booleans take the spellings TF-Slim users type', () => {
    expect(augment('--augment')).toBe(true);
    expect(augment('--noaugment')).toBe(false);
    expect(augment('--augment=false')).toBe(false);
    expect(augment('--augment', 'false', '--max_number_of_steps', '3')).toBe(false);
    expect(augment('--augment', 'true')).toBe(true);
    // Unset stays unset: the engine chooses by what trains.
    expect(augment()).toBeUndefined();
    expect(augment('--max_number_of_steps', '3')).toBeUndefined();
  });

  it('train flags - --alpha_background takes a colour or a name, unset by default; the engine checks and spells it', () => {
    const input = (...argv: string[]) => trainInput(parseConfig(trainFlagOptions, [...required, ...argv], {}));
    expect(input('--alpha_background', 'black').alphaBackground).toBe('black');
    expect(input('--alpha_background=#336699').alphaBackground).toBe('#336699');
    expect(input().alphaBackground).toBeUndefined();
    expect(trainFlagOptions.alpha_background!.doc).toMatch(/transparent pixels/);
  });

  it('train flags - --moving_average_decay is a flag of finetune train, unset by default; the engine refuses a decay outside (0, 1) naming it', () => {
    const input = (...argv: string[]) => trainInput(parseConfig(trainFlagOptions, [...required, ...argv], {}));
    expect(input('--moving_average_decay=0.9999').movingAverageDecay).toBe(0.9999);
    expect(input().movingAverageDecay).toBeUndefined();
    expect(trainFlagOptions.moving_average_decay!.doc).toMatch(/A number in \(0, 1\)/);
    expect(() => resolveTrainOptions(input('--moving_average_decay', '1'))).toThrow(/^--moving_average_decay 1: expected a number in \(0, 1\)$/);
  });

  it('train flags - a near-miss flag says which one was meant, in one line', () => {
    expect(() => augment('--max_number_of_step', '5')).toThrowError(/^unknown flag --max_number_of_step; did you mean --max_number_of_steps\?$/);
    expect(() => augment('--checkpoint-exclude-scopes', 'x')).toThrowError(/^unknown flag --checkpoint-exclude-scopes; did you mean --checkpoint_exclude_scopes\?$/);
  });
});
