import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError, createApiClient } from "../../src/api-client/index.js";
import { tempDir } from "../temp-dir.js";

const dir = tempDir("api-client-tls");
const CERT = join(dir, "cert.pem");
const KEY = join(dir, "key.pem");
const STATUS = "/workflows/throughput-policy/status";

let server: Server;
let url = "";

/** An https API with a self-signed certificate for 127.0.0.1, made with openssl for this run. */
beforeAll(async () => {
  await execa("openssl", [
    ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"],
    ...["-keyout", KEY, "-out", CERT, "-days", "2", "-subj", "/CN=127.0.0.1"],
    ...["-addext", "subjectAltName=IP:127.0.0.1"],
  ]);
  server = createServer({ cert: readFileSync(CERT), key: readFileSync(KEY) }, (_req, res) =>
    res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}'),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `https://admin:hunter2@127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("https: the system's trust, a CA file, or an explicit --insecure", () => {
  it("a certificate nobody vouches for is unreachable, naming the TLS code", async () => {
    const err = await createApiClient({ baseUrl: url })
      .get(STATUS)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).problem).toMatchObject({ kind: "unreachable", reason: "tls" });
    expect((err as ApiError).message).toMatch(
      /^GET \/api\/workflows\/throughput-policy\/status on https:\/\/127\.0\.0\.1:\d+: cannot reach the server: TLS verification failed \([A-Z_]+\)$/,
    );
  });

  it("trusts the CA file given", async () => {
    const reply = await createApiClient({ baseUrl: url, caFile: CERT }).get(STATUS);
    expect(reply.body).toEqual({ ok: true });
  });

  it("skips the check only when told to", async () => {
    const reply = await createApiClient({ baseUrl: url, insecure: true }).get(STATUS);
    expect(reply.body).toEqual({ ok: true });
  });
});
