import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Twin } from "../../src/twin/index.js";

const basic = `Basic ${Buffer.from("n:n").toString("base64")}`;

/**
 * A twin dressed as a live server: it answers the contract, hides the twin's /__twin controls, and, with
 * `realClock`, moves the twin's virtual clock with the wall clock before each request, as a real deployment's
 * clock moves on its own. Without it the clock stands still.
 */
export async function asLiveServer(
  twin: Twin,
  options: { realClock: boolean },
): Promise<{ url: string; close(): Promise<void> }> {
  const started = performance.now();
  let advanced = 0;
  let clock = Promise.resolve();
  const keepUp = () => {
    clock = clock.then(async () => {
      const due = Math.floor((performance.now() - started) / 1000) - advanced;
      if (due <= 0) return;
      advanced += due;
      await fetch(`${twin.origin}/__twin/clock/advance`, {
        method: "POST",
        headers: { authorization: basic, "content-type": "application/json" },
        body: JSON.stringify({ seconds: due }),
      });
    });
    return clock;
  };
  const server: Server = createServer((req, res) => {
    if ((req.url ?? "").includes("/__twin")) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "not_found", message: "no such endpoint" } }));
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      if (options.realClock) await keepUp();
      const upstream = request(
        `${twin.origin}${req.url}`,
        { method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on("error", () => res.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
