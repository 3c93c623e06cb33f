// `npm test`: typecheck, lint, every workspace's unit and integration tests, then the browser
// end-to-end test against the real portal. Integration tests use TEST_DATABASE_URL (real
// PostgreSQL + PostGIS) when set, else the embedded database. Prints the time of each phase.
import { spawnSync } from "node:child_process";

const phases = [
  ["typecheck 类型检查", ["run", "typecheck"]],
  ["lint 代码检查", ["run", "lint"]],
  ["unit + integration 单元与集成测试", ["run", "test:unit"]],
  ["e2e 浏览器端到端测试", ["run", "test:e2e"]],
];
const backend = process.env.TEST_DATABASE_URL ? "PostgreSQL (TEST_DATABASE_URL)" : "embedded PGlite";
process.stderr.write(`[test] database backend: ${backend}\n`);
const timings = [];
for (const [name, args] of phases) {
  const started = Date.now();
  process.stderr.write(`\n[test] ▶ ${name}\n`);
  const r = spawnSync("npm", args, { stdio: "inherit" });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  timings.push(`${name}: ${seconds}s${r.status === 0 ? "" : " ✗"}`);
  if (r.status !== 0) {
    process.stderr.write(`\n[test] ✗ ${name} failed (exit ${r.status})\n${timings.join("\n")}\n`);
    process.exit(1);
  }
}
process.stderr.write(`\n[test] ✓ all phases passed (${backend})\n${timings.join("\n")}\n`);
