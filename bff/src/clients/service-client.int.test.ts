import { createServer, type Server } from "node:http";
import { Counter, Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ServiceClient } from "./service-client";

describe("service client: timeout and circuit breaker", () => {
  let server: Server;
  let url: string;
  let failing = true;
  let served = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      served += 1;
      res.writeHead(failing ? 503 : 200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: !failing }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("stops calling a failing service once half its calls fail, then tries again after the reset time", async () => {
    const counter = new Counter({
      name: "test_upstream_requests_total",
      help: "test",
      labelNames: ["service", "operation"] as const,
      registers: [new Registry()],
    });
    const client = new ServiceClient("content", url, counter, 1_000, {
      timeout: false,
      volumeThreshold: 4,
      errorThresholdPercentage: 50,
      rollingCountTimeout: 10_000,
      resetTimeout: 300,
    });
    const call = () => client.request<{ ok: boolean }>({ operation: "probe", path: "/probe" });
    for (let i = 0; i < 4; i++)
      await expect(call()).rejects.toMatchObject({ extensions: { code: "UNAVAILABLE" } });
    expect(client.isOpen).toBe(true);
    const before = served;
    // Open: refused at once, without a call, still as UNAVAILABLE for the field that asked.
    await expect(call()).rejects.toMatchObject({ extensions: { code: "UNAVAILABLE", service: "content" } });
    expect(served).toBe(before);

    failing = false;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await call()).toEqual({ ok: true });
    expect(client.isOpen).toBe(false);
    expect(served).toBe(before + 1);
  });
});
