import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../config";
import { createServiceMetrics } from "../metrics";
import { type App, createHttpApp } from "./create-service";

describe("/metrics", () => {
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function start() {
    let backlogQueries = 0;
    const metrics = createServiceMetrics("kit-test", async () => {
      backlogQueries += 1;
      return 7;
    });
    app = await createHttpApp({
      name: "kit-test",
      config: loadConfig("kit-test", { LOG_LEVEL: "silent" }),
      metrics,
      verifyToken: async () => {
        throw new Error("no tokens here");
      },
      readiness: async () => ({}),
    });
    metrics.eventsPublished.inc(3);
    return { app, backlogQueries: () => backlogQueries };
  }

  it("answers every metric, each gauge collected", async () => {
    const { app, backlogQueries } = await start();
    const res = await app.inject({ url: "/metrics" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/^outbox_events_published_total\{service="kit-test"\} 3$/m);
    expect(res.body).toMatch(/^outbox_backlog\{service="kit-test"\} 7$/m);
    expect(backlogQueries()).toBe(1);
  });

  it("answers only the metrics named, collecting no other gauge", async () => {
    const { app, backlogQueries } = await start();
    const one = await app.inject({ url: "/metrics?name=outbox_events_published_total" });
    expect(one.statusCode).toBe(200);
    expect(one.body).toMatch(/^outbox_events_published_total\{service="kit-test"\} 3$/m);
    expect(one.body).not.toContain("outbox_backlog");
    expect(backlogQueries()).toBe(0);

    const two = await app.inject({ url: "/metrics?name=outbox_events_published_total&name=outbox_backlog" });
    expect(two.body).toMatch(/^outbox_events_published_total\{service="kit-test"\} 3$/m);
    expect(two.body).toMatch(/^outbox_backlog\{service="kit-test"\} 7$/m);
    expect(backlogQueries()).toBe(1);
  });

  it("refuses a name no metric has", async () => {
    const { app } = await start();
    const res = await app.inject({ url: "/metrics?name=outbox_events_published_total&name=nope" });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { message: 'No metric named "nope"' } });
  });
});
