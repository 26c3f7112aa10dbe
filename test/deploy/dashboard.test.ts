// The Grafana dashboard's queries against the metrics as the services name them: the training job is job_id
// (`job` is the scrape job's), recall@k takes the evaluation's own k, and steps sort as numbers.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../deploy/grafana/finetune-dashboard.json');

type Target = { expr: string; refId: string; legendFormat?: string };
type Transformation = { id: string; options: Record<string, unknown> };
type Panel = { title: string; type: string; targets?: Target[]; transformations?: Transformation[] };
type Dashboard = { panels: Panel[]; templating: { list: Array<{ name: string; definition?: string }> } };

const dashboard = JSON.parse(readFileSync(file, 'utf8')) as Dashboard;
const targets = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p, ...t })));
const finetuneTargets = targets.filter((t) => /\bfinetune_(train|eval)_/.test(t.expr));

describe('grafana dashboard', () => {
  it('grafana dashboard - training and evaluation queries select and group by job_id; only `up` names the scrape job', () => {
    expect(finetuneTargets.length).toBeGreaterThan(5);
    for (const t of finetuneTargets) {
      expect(t.expr, t.panel.title).toMatch(/job_id=~"\$job_id"/);
      expect(t.expr, t.panel.title).not.toMatch(/\bjob\s*(=~|=|!=)|by \((?:[^)]*, )?job[,)]/);
      expect(t.legendFormat ?? '', t.panel.title).not.toContain('{{job}}');
    }
    const variable = dashboard.templating.list.find((v) => v.name === 'job_id');
    expect(variable?.definition).toMatch(/label_values\(finetune_train_global_step\{[^}]*\}, job_id\)/);
    for (const t of targets.filter((x) => /\bjob\s*=/.test(x.expr))) expect(t.expr).toMatch(/^count\(up\{job="finetune"/);
  });

  it('grafana dashboard - recall@k charts the k the evaluation used (clamped to the class count), never a fixed k', () => {
    const recall = targets.filter((t) => t.expr.includes('finetune_eval_recall_at_k'));
    expect(recall.length).toBeGreaterThan(0);
    for (const t of targets) expect(t.expr, t.panel.title).not.toMatch(/\bk\s*=~?\s*"/);
    for (const t of recall) expect(t.expr, t.panel.title).toMatch(/by \([^)]*\bk\b[^)]*\)/);
    expect(dashboard.panels.map((p) => p.title).filter((title) => /Recall@\d/.test(title))).toEqual([]);
    expect(recall.some((t) => t.legendFormat?.includes('{{k}}'))).toBe(true);
  });

  it('grafana dashboard - steps sort as numbers: every sort field is a gauge value, not a label', () => {
    const sorted = dashboard.panels.filter((p) => p.transformations?.some((x) => x.id === 'sortBy'));
    expect(sorted.length).toBeGreaterThan(0);
    for (const panel of sorted) {
      const renames = Object.assign({}, ...(panel.transformations ?? []).filter((x) => x.id === 'organize').map((x) => x.options.renameByName ?? {})) as Record<string, string>;
      const sortBy = panel.transformations!.find((x) => x.id === 'sortBy')!.options as { sort: Array<{ field: string }> };
      for (const { field } of sortBy.sort) {
        // A field from a label is a string column and sorts 10 before 9; `Value #<refId>` is a query's number.
        const source = Object.entries(renames).find(([, to]) => to === field)?.[0] ?? field;
        const ref = /^Value #(\w+)$/.exec(source)?.[1];
        expect(ref, `${panel.title} sorts on ${field}, which must be a query's value`).toBeDefined();
        const query = panel.targets!.find((t) => t.refId === ref)!;
        if (field === 'step') expect(query.expr).toMatch(/\bfinetune_eval_step\b/);
      }
    }
  });

  it('grafana dashboard - no query groups or selects by a step label, which the metrics no longer carry', () => {
    for (const t of targets) expect(t.expr, t.panel.title).not.toMatch(/\bstep\b\s*[,)=]/);
  });
});
