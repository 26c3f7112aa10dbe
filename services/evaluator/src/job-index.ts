// Which train dir each training job's checkpoints are in, so ListEvaluations can answer by job id.
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '@finetune/runtime/atomic-write';

export interface JobIndex {
  remember(jobId: string, trainDir: string): Promise<void>;
  /** The train dir recorded for the job, or undefined. */
  trainDirOf(jobId: string): Promise<string | undefined>;
  /** Every job recorded, with its train dir. */
  entries(): Promise<{ jobId: string; trainDir: string }[]>;
}

/** One small file per job under `<dir>`, named by the URI-encoded job id. */
export function createJobIndex(dir: string): JobIndex {
  const fileOf = (jobId: string) => path.join(dir, `${encodeURIComponent(jobId)}.json`);
  const known = new Map<string, string>();
  async function trainDirOf(jobId: string): Promise<string | undefined> {
    const cached = known.get(jobId);
    if (cached) return cached;
    try {
      const entry = JSON.parse(await readFile(fileOf(jobId), 'utf8')) as { train_dir?: unknown };
      return typeof entry.train_dir === 'string' ? entry.train_dir : undefined;
    } catch {
      return undefined;
    }
  }
  return {
    async remember(jobId, trainDir) {
      if (!jobId || known.get(jobId) === trainDir) return;
      await mkdir(dir, { recursive: true });
      await writeFileAtomic(fileOf(jobId), `${JSON.stringify({ job_id: jobId, train_dir: trainDir })}\n`);
      known.set(jobId, trainDir);
    },
    async entries() {
      let files: string[];
      try {
        files = (await readdir(dir)).filter((f) => f.endsWith('.json'));
      } catch {
        return [];
      }
      const found = await Promise.all(files.map(async (file) => {
        const jobId = decodeURIComponent(file.slice(0, -'.json'.length));
        const trainDir = await trainDirOf(jobId);
        return trainDir === undefined ? [] : [{ jobId, trainDir }];
      }));
      return found.flat();
    },
    trainDirOf,

  };
}
