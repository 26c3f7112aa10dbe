// A one-line progress bar on stderr; on a pipe (CI, logs) it prints a line at each tenth instead of redrawing.

export interface ProgressBar {
  update(label: string, done: number, total: number, detail?: string): void;
  done(): void;
}

const WIDTH = 30;

export function createProgressBar(stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  const tty = stream.isTTY === true;
  let lastTenth = new Map<string, number>();
  let drawn = false;
  return {
    update(label, done, total, detail = '') {
      const fraction = total > 0 ? Math.min(1, done / total) : 1;
      const text = `${label.padEnd(10)} ${'█'.repeat(Math.round(fraction * WIDTH)).padEnd(WIDTH, '░')} ${done}/${total}${detail ? ` ${detail}` : ''}`;
      if (tty) {
        stream.write(`\r\x1b[2K${text}`);
        drawn = true;
        if (done >= total) {
          stream.write('\n');
          drawn = false;
        }
        return;
      }
      const tenth = Math.floor(fraction * 10);
      if (tenth !== lastTenth.get(label) || done >= total) {
        if (lastTenth.get(label) === 10) return;
        lastTenth.set(label, tenth);
        stream.write(text + '\n');
      }
    },
    done() {
      if (drawn) stream.write('\n');
      drawn = false;
      lastTenth = new Map();
    },
  };
}
