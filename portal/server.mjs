// Server entry of the portal: builds (when sources changed) and serves the Next.js app inside the
// `land` process, sharing the one database handle opened by the CLI.
//
//   import { needsBuild, buildPortal, startPortal } from "./portal/server.mjs";
//   if (await needsBuild()) await buildPortal({ log });
//   const portal = await startPortal({ db, config, log });   // … portal.close()
//
// Next.js loads app modules more than once per process (route handlers and the page layer are
// separate module graphs), so the handles travel on globalThis.__land, read by portal/lib/land.ts.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const PORTAL_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT_DIR = path.dirname(PORTAL_DIR);
const BUILD_HASH_FILE = path.join(PORTAL_DIR, ".next", "land-build-hash");
const require = createRequire(import.meta.url);

/** Inputs of the production build: any change here means `next build` must run again. */
const HASH_INPUTS = [
  { dir: PORTAL_DIR, entries: ["app", "components", "lib", "public"] },
  {
    dir: PORTAL_DIR,
    entries: ["next.config.mjs", "postcss.config.cjs", "tsconfig.json", "package.json", "proxy.ts"],
  },
  { dir: ROOT_DIR, entries: ["shared/src", "shared/package.json", "tsconfig.base.json"] },
];

/** Tolerates a pino-like logger, a console, a plain function or nothing. */
function logger(log) {
  const pick = (level) => {
    if (typeof log === "function") return (msg) => log(msg);
    const fn = log?.[level] ?? log?.info;
    if (typeof fn === "function") return (msg) => fn.call(log, msg);
    return (msg) => process.stderr.write(`${msg}\n`);
  };
  return { info: pick("info"), warn: pick("warn"), error: pick("error") };
}

async function listFiles(abs) {
  let stat;
  try {
    stat = await fsp.stat(abs);
  } catch {
    return [];
  }
  if (stat.isFile()) return [abs];
  if (!stat.isDirectory()) return [];
  const out = [];
  for (const entry of await fsp.readdir(abs, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === ".next" || entry.name.startsWith(".")) continue;
    out.push(...(await listFiles(path.join(abs, entry.name))));
  }
  return out;
}

/** SHA-256 over the relative path and content of every build input, plus the Next.js version. */
export async function sourceHash() {
  const hash = createHash("sha256");
  let nextVersion = "unknown";
  try {
    nextVersion = require("next/package.json").version;
  } catch {
    /* reported by the build itself */
  }
  hash.update(`next@${nextVersion}\0node-major@${process.versions.node.split(".")[0]}\0`);
  const files = [];
  for (const { dir, entries } of HASH_INPUTS) {
    for (const e of entries) files.push(...(await listFiles(path.join(dir, e))));
  }
  files.sort();
  for (const file of files) {
    hash.update(path.relative(ROOT_DIR, file).split(path.sep).join("/"));
    hash.update("\0");
    hash.update(await fsp.readFile(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** True when there is no usable production build or the sources changed since it was made. */
export async function needsBuild() {
  if (!fs.existsSync(path.join(PORTAL_DIR, ".next", "BUILD_ID"))) return true;
  let recorded;
  try {
    recorded = (await fsp.readFile(BUILD_HASH_FILE, "utf8")).trim();
  } catch {
    return true;
  }
  return recorded !== (await sourceHash());
}

/** Runs `next build` in portal/ (offline, telemetry off) and records the source hash. */
export async function buildPortal({ log } = {}) {
  const l = logger(log);
  const nextBin = path.join(path.dirname(require.resolve("next/package.json")), "dist", "bin", "next");
  const started = Date.now();
  l.info("门户构建中（next build）…");
  const output = [];
  const code = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, "build"], {
      cwd: PORTAL_DIR,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const collect = (chunk) => {
      const text = chunk.toString();
      output.push(text);
      if (output.length > 400) output.shift();
      for (const line of text.split("\n")) if (line.trim()) l.info(`[next build] ${line}`);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", reject);
    child.on("exit", (c, signal) => resolve(signal ? 1 : (c ?? 1)));
  });
  if (code !== 0) {
    const err = new Error(`next build failed with exit code ${code}`);
    err.code = "PORTAL_BUILD_FAILED";
    err.messageZh = "门户构建失败，请查看上方 next build 输出";
    err.output = output.join("");
    throw err;
  }
  // Hash after the build: Next may touch tsconfig.json / next-env.d.ts on its first run.
  await fsp.writeFile(BUILD_HASH_FILE, `${await sourceHash()}\n`);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  l.info(`门户构建完成，用时 ${seconds} 秒`);
  return { seconds: Number(seconds) };
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    const onError = (err) => {
      server.off("listening", onListening);
      reject(err);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    // ipv6Only:false → "::" also accepts IPv4 (dual-stack).
    server.listen({ port, host, ipv6Only: false });
  });
}

/**
 * Starts the portal on config.port (dual-stack "::" unless config.host names a specific address).
 * Resolves with { server, url, close }.
 */
export async function startPortal({ db, config, log, redactor } = {}) {
  if (!db || !config) throw new Error("startPortal({ db, config }) requires the database handle and the config");
  const l = logger(log);
  // The redactor (OCR, poppler) lives outside the Next bundle, like the database handle.
  globalThis.__land = { db, config, redactor };
  if (!fs.existsSync(path.join(PORTAL_DIR, ".next", "BUILD_ID"))) {
    const err = new Error("portal has not been built: run buildPortal() (land start does it automatically)");
    err.code = "PORTAL_NOT_BUILT";
    err.messageZh = "门户尚未构建";
    throw err;
  }
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  if (!process.env.NODE_ENV) process.env.NODE_ENV = "production";

  const { default: next } = await import("next");
  const createNext = typeof next === "function" ? next : next.default;
  const server = http.createServer();
  const wanted = !config.host || config.host === "0.0.0.0" ? "::" : config.host;
  const app = createNext({
    dev: false,
    dir: PORTAL_DIR,
    quiet: config.nodeEnv === "production",
    httpServer: server,
    port: config.port,
  });
  await app.prepare();
  const handle = app.getRequestHandler();
  server.on("request", (req, res) => {
    handle(req, res).catch((err) => {
      l.error(`请求处理失败 ${req.method} ${req.url}: ${err?.stack ?? err}`);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader("Content-Type", "application/json; charset=utf-8");
        res.end(JSON.stringify({ code: "INTERNAL", status: 500, messageZh: "系统内部错误" }));
      } else {
        res.end();
      }
    });
  });
  // Keep-alive sockets should not hold a shutdown hostage for long.
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 60_000;

  let bound = wanted;
  try {
    await listen(server, config.port, wanted);
  } catch (err) {
    // Hosts without IPv6 fall back to IPv4 only.
    if (wanted === "::" && (err.code === "EAFNOSUPPORT" || err.code === "EADDRNOTAVAIL")) {
      l.warn("IPv6 不可用，改为仅监听 IPv4 (0.0.0.0)");
      bound = "0.0.0.0";
      await listen(server, config.port, bound);
    } else {
      throw err;
    }
  }
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : config.port;
  const displayHost = bound === "::" || bound === "0.0.0.0" ? "localhost" : bound.includes(":") ? `[${bound}]` : bound;
  const url = `http://${displayHost}:${port}`;
  l.info(`门户已启动：${url}（监听 ${bound === "::" ? "[::]（IPv4 + IPv6）" : bound}:${port}）`);

  let closing = null;
  const close = () => {
    closing ??= (async () => {
      await new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections?.();
        setTimeout(() => server.closeAllConnections?.(), 3_000).unref();
      });
      if (typeof app.close === "function") await app.close().catch(() => {});
      if (globalThis.__land?.db === db) globalThis.__land = undefined;
    })();
    return closing;
  };
  return { server, url, port, close };
}
