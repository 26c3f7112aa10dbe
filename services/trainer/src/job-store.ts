// Job records as JSON files under <state-dir>/jobs, written atomically, so GetJob and ListJobs survive a restart.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '@finetune/runtime/atomic-write';
import type { Logger } from '@finetune/runtime';
import type { JobRecord } from './job-record';

export interface JobStore {
  readonly dir: string;
  save(record: JobRecord): Promise<void>;
  loadAll(): Promise<JobRecord[]>;
}

export function createJobStore(dir: string, log: Logger): JobStore {
  // Writes of one job are chained, so an older record never lands after a newer one.
  const chains = new Map<string, Promise<void>>();
  return {
    dir,
    save(record) {
      const json = JSON.stringify(record, null, 2) + '\n';
      const previous = chains.get(record.job_id) ?? fs.mkdir(dir, { recursive: true }).then(() => undefined);
      const next = previous.catch(() => undefined).then(() => writeFileAtomic(path.join(dir, `${record.job_id}.json`), json));
      chains.set(record.job_id, next);
      return next;
    },
    async loadAll() {
      const names = await fs.readdir(dir).catch(() => [] as string[]);
      const records: JobRecord[] = [];
      for (const name of names) {
        if (!name.endsWith('.json') || name.startsWith('.')) continue;
        const file = path.join(dir, name);
        try {
          const record = JSON.parse(await fs.readFile(file, 'utf8')) as JobRecord;
          if (typeof record.job_id !== 'string' || typeof record.state !== 'string') throw new Error('job_id or state is missing');
          records.push(record);
        } catch (err) {
          log.warn('skipping an unreadable job record', { file, err });
        }
      }
      return records;
    },
  };
}
