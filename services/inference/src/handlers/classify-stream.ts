// ClassifyStream: images answered as they come, possibly out of order; a bad image gets an error
// response and the stream goes on. It ends when the client ends its side and every answer is sent. On
// shutdown it drains: it stops taking requests, answers those it took, then ends UNAVAILABLE, never OK,
// since the client may have sent more that were never taken.
import type { ServerDuplexStream } from '@grpc/grpc-js';
import type { inferenceV1 } from '@finetune/contracts';
import { FinetuneError } from '@finetune/runtime';
import type { Classifier } from '../classifier';
import type { InferenceMetrics } from '../inference-metrics';
import { predictionMessages } from '../prediction-message';
import { measured, statusName } from '../request-metrics';

type Call = ServerDuplexStream<inferenceV1.ClassifyStreamRequest__Output, inferenceV1.ClassifyStreamResponse>;

export function classifyStream(deps: { classifier: Classifier; metrics: InferenceMetrics; shutdown: AbortSignal }) {
  return async (call: Call): Promise<void> => {
    const answers: Promise<void>[] = [];
    let taking = true;
    const send = (response: inferenceV1.ClassifyStreamResponse) => {
      if (!call.writableEnded && !call.cancelled) call.write(response);
    };
    const answer = async (request: inferenceV1.ClassifyStreamRequest__Output): Promise<void> => {
      try {
        const { predictions, model } = await measured(deps.metrics, () =>
          deps.classifier.classify({
            images: [request.image],
            sources: [`image of request_id "${request.request_id}"`],
            topK: request.top_k,
            servedModelName: request.served_model_name,
            modelVersion: Number(request.model_version),
          }),
        );
        send({ request_id: request.request_id, predictions: predictionMessages(predictions[0]!), served_model_name: model.name, model_version: model.version });
      } catch (err) {
        send({ request_id: request.request_id, error: { code: statusName(err), message: (err as Error).message } });
      }
    };
    const ended = await new Promise<'client' | 'shutdown'>((resolve, reject) => {
      call.on('data', (request: inferenceV1.ClassifyStreamRequest__Output) => {
        if (taking) answers.push(answer(request));
      });
      call.on('end', () => resolve('client'));
      call.on('cancelled', () => resolve('client'));
      call.on('error', reject);
      if (deps.shutdown.aborted) resolve('shutdown');
      deps.shutdown.addEventListener('abort', () => resolve('shutdown'), { once: true });
    });
    taking = false;
    call.pause();
    await Promise.all(answers);
    if (ended === 'shutdown') {
      throw new FinetuneError('unavailable', `inference is shutting down: the ${answers.length} requests taken on this stream were answered; send the ones without an answer again`);
    }
  };
}
