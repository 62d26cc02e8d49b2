import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const open: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((close) => close()));
});

/** A tiny misbehaving API on an ephemeral loopback port, closed after the test. Returns its /api base URL. */
export async function hostile(handler: Handler): Promise<string> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  open.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
}

/** Answers 200 JSON with this body, whatever was asked. */
export const json =
  (body: unknown, status = 200): Handler =>
  (_req, res) => {
    const text = body === undefined ? "" : JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json" }).end(text);
  };

/** Streams `total` bytes of JSON-looking padding, chunk by chunk, until done or the client hangs up. */
export const endless =
  (total = 1024 ** 3): Handler =>
  (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < total && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
      if (!res.destroyed) res.end();
    };
    res.on("close", () => {
      sent = total;
    });
    pump();
  };

/** Sends the headers and the start of a body, then never finishes it. */
export const stalled: Handler = (_req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.write('{"presets": [');
};
