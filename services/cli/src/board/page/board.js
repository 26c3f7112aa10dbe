// The board page: polls /api/runs, draws every run's curves by step overlaid with a legend (uPlot), and under
// them each run's newest evaluation: per-class precision and recall, confusion matrix, misclassified images.
'use strict';
(() => {
  const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
  const CHARTS = [
    { id: 'loss', title: 'Training loss', part: 'train', field: 'loss' },
    { id: 'learning-rate', title: 'Learning rate', part: 'train', field: 'learningRate' },
    { id: 'images-per-second', title: 'Images per second', part: 'train', field: 'imagesPerSec' },
    { id: 'accuracy', title: 'Validation accuracy', part: 'eval', field: 'accuracy' },
    { id: 'recall', title: 'Validation recall@k', part: 'eval', field: 'recallAtK' },
  ];
  /** What is on screen; tests read it (window.finetuneBoard.charts.loss.plot.data). */
  const board = { charts: {}, runs: [], updates: 0 };
  window.finetuneBoard = board;

  function el(tag, attrs = {}, children = []) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v);
    }
    for (const child of children) node.append(child);
    return node;
  }

  const pct = (x) => `${(100 * x).toFixed(1)}%`;
  const colorOf = (i) => PALETTE[i % PALETTE.length];

  /** uPlot wants one x array for all series: the union of the runs' steps, null where a run has no point. */
  function aligned(runs, part, field) {
    const steps = [...new Set(runs.flatMap((r) => r[part].step))].sort((a, b) => a - b);
    const ys = runs.map((r) => {
      const at = new Map(r[part].step.map((s, i) => [s, r[part][field][i]]));
      return steps.map((s) => (at.has(s) ? at.get(s) : null));
    });
    return [steps, ...ys];
  }

  function chartBox(def) {
    let box = document.getElementById(`chart-${def.id}`);
    if (!box) {
      box = el('div', { class: 'chart', id: `chart-${def.id}` }, [el('h2'), el('p', { class: 'empty', text: 'no points yet' }), el('div', { class: 'plot' })]);
      document.getElementById('charts').append(box);
    }
    return box;
  }

  function drawChart(def, runs) {
    const box = chartBox(def);
    const ks = [...new Set(runs.flatMap((r) => r.eval.k))];
    box.querySelector('h2').textContent = def.id === 'recall' && ks.length ? `Validation recall@${ks.join(', ')}` : def.title;
    const data = aligned(runs, def.part, def.field);
    box.querySelector('.empty').hidden = data[0].length > 0;
    const key = runs.map((r) => r.name).join('\n');
    const current = board.charts[def.id];
    if (current && current.key === key) {
      current.plot.setData(data);
      return;
    }
    current?.plot.destroy();
    const opts = {
      width: Math.max(320, box.clientWidth - 16),
      height: 240,
      scales: { x: { time: false } },
      axes: [{ label: 'step' }, { size: 60 }],
      series: [{ label: 'step' }, ...runs.map((r, i) => ({ label: r.name, stroke: colorOf(i), width: 2, spanGaps: true, points: { size: 5 } }))],
    };
    board.charts[def.id] = { key, plot: new uPlot(opts, data, box.querySelector('.plot')) };
  }

  function perClassTable(newest) {
    const rows = newest.perClass.map((c) =>
      el('tr', {}, [el('th', { scope: 'row', text: c.className }), el('td', { text: pct(c.precision) }), el('td', { text: pct(c.recall) }), el('td', { text: String(c.numExamples) })]),
    );
    const head = el('tr', {}, ['class', 'precision', 'recall', 'images'].map((h) => el('th', { scope: 'col', text: h })));
    return el('table', { class: 'per-class' }, [el('thead', {}, [head]), el('tbody', {}, rows)]);
  }

  function confusionTable(newest) {
    const { size, counts } = newest.confusion;
    const names = newest.classNames;
    const head = el('tr', {}, [el('th', { text: 'true \u2193 / predicted \u2192' }), ...names.map((n) => el('th', { scope: 'col', text: n }))]);
    const rows = [];
    for (let t = 0; t < size; t++) {
      const cells = [];
      for (let p = 0; p < size; p++) {
        const count = counts[t * size + p];
        const cls = `${t === p ? 'correct' : 'wrong'}${count === 0 ? ' zero' : ''}`;
        cells.push(el('td', { class: cls, 'data-true': String(t), 'data-pred': String(p), text: String(count) }));
      }
      rows.push(el('tr', {}, [el('th', { scope: 'row', text: names[t] ?? String(t) }), ...cells]));
    }
    return el('table', { class: 'confusion' }, [el('thead', {}, [head]), el('tbody', {}, rows)]);
  }

  function misclassifiedImages(run) {
    const newest = run.newest;
    const figures = newest.misclassified.map((m) => {
      const src = `/api/thumbnail?run=${encodeURIComponent(run.name)}&n=${m.n}&step=${newest.step}`;
      const caption = `${m.label} \u2192 ${m.predicted} (score ${m.score.toFixed(3)}, p ${m.probability.toFixed(2)})`;
      return el('figure', { 'data-split-index': String(m.splitIndex) }, [el('img', { src, alt: `validation image ${m.splitIndex}: ${caption}` }), el('figcaption', { text: caption })]);
    });
    return el('div', { class: 'misclassified' }, figures);
  }

  function runCard(run, i) {
    const card = el('article', { class: 'run', 'data-run': run.name }, [el('h2', { text: run.name, style: `color: ${colorOf(i)}` }), el('p', { class: 'dir', text: run.dir })]);
    if (run.problem) card.append(el('p', { class: 'problem', text: run.problem }));
    const newest = run.newest;
    if (!newest) {
      card.append(el('p', { class: 'empty', text: 'no evaluation of the validation split yet' }));
      return card;
    }
    const summary = `newest evaluation: step ${newest.step}, accuracy ${pct(newest.accuracy)}, recall@${newest.k} ${pct(newest.recallAtK)}, ${newest.numExamples} validation images`;
    const wrong = newest.misclassified.length;
    const { size, counts } = newest.confusion;
    let total = 0;
    for (let t = 0; t < size; t++) for (let p = 0; p < size; p++) if (t !== p) total += counts[t * size + p];
    const heading = wrong === 0 ? 'Misclassified: none' : total > wrong ? `Misclassified (the first ${wrong} of ${total}, in split order)` : `Misclassified (${wrong})`;
    card.append(
      el('p', { class: 'summary', text: summary }),
      el('div', { class: 'tables' }, [el('div', {}, [el('h3', { text: 'Per class' }), perClassTable(newest)]), el('div', {}, [el('h3', { text: 'Confusion matrix' }), confusionTable(newest)])]),
      el('h3', { text: heading }),
      misclassifiedImages(run),
    );
    return card;
  }

  function drawRuns(runs) {
    const section = document.getElementById('runs');
    const keep = new Set(runs.map((r) => r.name));
    for (const card of section.querySelectorAll('article.run')) if (!keep.has(card.dataset.run)) card.remove();
    runs.forEach((run, i) => {
      // Rebuilt only when the newest evaluation changes, so thumbnails are not fetched again on every poll.
      const key = JSON.stringify([i, run.newest && run.newest.step, run.newest && run.newest.misclassified.length, run.problem]);
      const old = [...section.querySelectorAll('article.run')].find((c) => c.dataset.run === run.name);
      if (old && old.dataset.key === key) return;
      const card = runCard(run, i);
      card.dataset.key = key;
      if (old) old.replaceWith(card);
      else section.append(card);
    });
  }

  async function refresh() {
    let reloadSecs = 5;
    try {
      const res = await fetch('/api/runs', { cache: 'no-store' });
      if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
      const snapshot = await res.json();
      reloadSecs = snapshot.reloadSecs;
      board.runs = snapshot.runs;
      for (const def of CHARTS) drawChart(def, snapshot.runs);
      drawRuns(snapshot.runs);
      board.updates += 1;
      const count = snapshot.runs.length;
      document.getElementById('status').textContent = count
        ? `${count} run${count === 1 ? '' : 's'}, updated ${new Date().toLocaleTimeString()}`
        : `no train dirs yet under ${snapshot.logDirs.join(', ')}`;
    } catch (err) {
      document.getElementById('status').textContent = `cannot reach the board: ${err.message}`;
    }
    setTimeout(refresh, reloadSecs * 1000);
  }

  // Charts follow the width of their boxes when the window is resized.
  window.addEventListener('resize', () => {
    for (const [id, chart] of Object.entries(board.charts)) {
      const box = document.getElementById(`chart-${id}`);
      chart.plot.setSize({ width: Math.max(320, box.clientWidth - 16), height: 240 });
    }
  });

  refresh();
})();
