import { defineConfig } from "vitest/config";

// Unit tests (`*.test.ts`) run in isolation; integration tests (`*.int.test.ts`) start real services on a
// real database and bus: PGlite + the in-process bus by default, PostgreSQL + RabbitMQ when
// QUIRE_TEST_DATABASE_URL and AMQP_URL are set (CI's distributed run).
const exclude = ["**/node_modules/**", "**/dist/**", "e2e/**", "**/.data/**"];

// CI collects every run's totals from JSON reports into one summary line.
const reportDir = process.env.QUIRE_TEST_REPORT_DIR;
const reporters = reportDir
  ? ["default", ["json", { outputFile: `${reportDir}/vitest-${process.pid}-${Date.now()}.json` }]]
  : ["default"];

export default defineConfig({
  test: {
    reporters: reporters as never,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["**/*.test.ts", "**/*.test.tsx"],
          exclude: [...exclude, "**/*.int.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
