// ClassifyStream: images answered as they come, possibly out of order; a bad image gets an error
// response and the stream goes on. It ends when the client ends its side and every answer is sent.
import type { ServerDuplexStream } from '@grpc/grpc-js';
import type { inferenceV1 } from '@finetune/contracts';
import type { Classifier } from '../classifier';
import type { InferenceMetrics } from '../inference-metrics';
import { predictionMessages } from '../prediction-message';
import { measured, statusName } from '../request-metrics';

type Call = ServerDuplexStream<inferenceV1.ClassifyStreamRequest__Output, inferenceV1.ClassifyStreamResponse>;

export function classifyStream(deps: { classifier: Classifier; metrics: InferenceMetrics; shutdown: AbortSignal }) {
  return async (call: Call): Promise<void> => {
    const answers: Promise<void>[] = [];
    // On shutdown the runtime ends the stream; answers still being computed are then dropped.
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
    await new Promise<void>((resolve, reject) => {
      call.on('data', (request: inferenceV1.ClassifyStreamRequest__Output) => answers.push(answer(request)));
      call.on('end', resolve);
      call.on('cancelled', resolve);
      call.on('error', reject);
      deps.shutdown.addEventListener('abort', () => resolve(), { once: true });
    });
    await Promise.all(answers);
  };
}
