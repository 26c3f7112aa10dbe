// What the service does when a model worker dies: count and log it (the pool restarts it), and when restarts
// stop helping, report NOT_SERVING on the whole server so Kubernetes takes the pod out and restarts it.
import type { HealthRegistry, Logger } from '@finetune/runtime';
import type { ModelPredictorOptions } from '@finetune/serving';
import type { InferenceMetrics } from './inference-metrics';

type WorkerCallbacks = Pick<ModelPredictorOptions, 'onWorkerExit' | 'onWorkerRestarted' | 'onBroken'>;

export class WorkerHealth {
  private brokenModel: string | undefined;

  constructor(
    private readonly deps: { health: HealthRegistry; metrics: Pick<InferenceMetrics, 'workerExits'>; log: Logger },
  ) {}

  /** Whether some model's workers gave up: the process must not report SERVING again. */
  get broken(): boolean {
    return this.brokenModel !== undefined;
  }

  /** The pool callbacks of one model version. */
  callbacks(name: string, version: number): WorkerCallbacks {
    const { health, metrics, log } = this.deps;
    return {
      onWorkerExit(worker, err, restarting) {
        metrics.workerExits.inc({ model: name, restarted: restarting ? 'yes' : 'no' });
        log.error('model worker died; its batches failed with UNAVAILABLE', { model: name, version, worker, restarting, err });
      },
      onWorkerRestarted: (worker) => log.info('model worker restarted', { model: name, version, worker }),
      onBroken: (err) => {
        // A restart did not help (a crash loop, or the version no longer loads): only a new process can.
        // Readiness then takes the pod out of rotation at once and liveness ("") has the kubelet restart
        // it, with the back-off it gives any crash-looping container. Readiness alone would leave a pod
        // that never recovers.
        this.brokenModel ??= name;
        log.error('model workers keep failing: reporting NOT_SERVING so the pod is restarted', { model: name, version, err });
        health.setAll('NOT_SERVING');
      },
    };
  }
}
