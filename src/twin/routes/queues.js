import { isoTime } from "../../policy/index.js";
import { errorReply } from "./route.js";
/** Queue telemetry as upstream Nemesis reports it from RabbitMQ. Fails loudly while telemetry is failing. */
export const getQueues = {
  method: "GET",
  path: "/api/queues",
  handle({ model }) {
    if (model.mode === "failing") {
      return errorReply(
        503,
        "telemetry_unavailable",
        "queue telemetry is unavailable; the broker did not answer",
      );
    }
    const depths = model.depthsNow();
    const sim = model.simulation;
    const inFlight = sim?.inFlight() ?? {};
    const rates = model.ratesNow();
    const queues = model.catalog.queues.map((q) => ({
      name: q.rabbitmq_queue,
      queue: q.name,
      ready: depths[q.name] ?? 0,
      unacked: inFlight[q.name] ?? 0,
      consumers: sim ? sim.workersOf(q.name) : model.catalog.deployment.workers,
      publish_rate: rates[q.name]?.publish ?? 0,
      deliver_rate: rates[q.name]?.deliver ?? 0,
    }));
    return { status: 200, body: { timestamp: isoTime(model.now), queues } };
  },
};
