// Starts the real system (`land start`) on a free port — on a fresh database of the PostgreSQL
// server named by TEST_DATABASE_URL, else on a fresh embedded data dir — then runs every browser
// test in portal/e2e/ against it in Debian Chromium, and stops it.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

function psql(url, sql) {
  const r = spawnSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-qc", sql], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
}

const env = { ...process.env, NODE_ENV: "development", LAND_HARVESTER: "in-process" };
delete env.DATABASE_URL;
let cleanup = () => {};
const serverUrl = process.env.TEST_DATABASE_URL;
if (serverUrl) {
  const name = `land_e2e_${randomBytes(4).toString("hex")}`;
  psql(serverUrl, `CREATE DATABASE ${name}`);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  env.DATABASE_URL = u.toString();
  // Key files the system creates under the data dir in development (secret-box.key) stay out of ./data.
  const keys = fs.mkdtempSync(path.join(os.tmpdir(), "land-e2e-keys-"));
  env.LAND_DATA_DIR = keys;
  cleanup = () => {
    psql(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    fs.rmSync(keys, { recursive: true, force: true });
  };
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "land-e2e-"));
  env.LAND_DATA_DIR = dir;
  cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
}

// The demo start seeds the city but no batches: seed a few years of batches first (through the use
// cases, with 补偿登记 whose personal data is sealed) so the browser tests have business data.
{
  const seeded = spawnSync(
    process.execPath,
    [
      path.join(ROOT, "bin", "land.mjs"),
      "seed",
      "--scale",
      "small",
      "--seed",
      "chengdu",
      "--batches",
      "tiny",
      "--documents",
      "none",
      "--json",
    ],
    { cwd: ROOT, env, encoding: "utf8" },
  );
  if (seeded.status !== 0) {
    process.stderr.write(`[e2e] ✗ land seed failed (${seeded.status}): ${seeded.stderr}\n`);
    cleanup();
    process.exit(1);
  }
}

// Published 征地信息公开 records (with a proactive, an on_request and a withheld file) for the public portal's tests.
{
  const r = spawnSync(process.execPath, [path.join(ROOT, "portal", "e2e", "fixtures", "disclosure-public.seed.mjs")], {
    cwd: ROOT,
    env,
    encoding: "utf8",
  });
  if (r.status !== 0) {
    process.stderr.write(`[e2e] ✗ disclosure fixtures failed (${r.status}): ${r.stderr}\n`);
    cleanup();
    process.exit(1);
  }
}

// The bureau's internal web system (a simulator site serving the 批复 of a seeded approval) as a `web`
// harvest source, for the disclosure-chain test; it lives until the tests are done.
const site = spawn(process.execPath, [path.join(ROOT, "portal", "e2e", "fixtures", "web-site.mjs")], {
  cwd: ROOT,
  env,
  stdio: ["ignore", "pipe", "inherit"],
});
let webSite = null;
try {
  webSite = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("the web-site fixture did not start within 2 minutes")), 120_000);
    site.stdout.on("data", (chunk) => {
      out += chunk;
      const line = out.split("\n")[0];
      if (out.includes("\n")) {
        clearTimeout(timer);
        try {
          resolve(JSON.parse(line));
        } catch (e) {
          reject(e);
        }
      }
    });
    site.on("exit", (code) => reject(new Error(`exited early with code ${code}`)));
  });
} catch (e) {
  process.stderr.write(`[e2e] ✗ web-site fixture failed: ${e.message}\n`);
  site.kill("SIGTERM");
  cleanup();
  process.exit(1);
}
// The server reads the site's password from the variable the source names.
env[webSite.passwordEnv] = webSite.password;

const port = await freePort();
const started = Date.now();
const server = spawn(process.execPath, [path.join(ROOT, "bin", "land.mjs"), "start", "--port", String(port), "--json"], {
  cwd: ROOT,
  env,
  stdio: ["ignore", "pipe", "inherit"],
});
let exitCode = 1;
try {
  const ready = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("portal did not become ready within 10 minutes")), 600_000);
    server.stdout.on("data", (chunk) => {
      out += chunk;
      try {
        const doc = JSON.parse(out);
        clearTimeout(timer);
        resolve(doc);
      } catch {
        /* document not complete yet */
      }
    });
    server.on("exit", (code) => reject(new Error(`land start exited early with code ${code}`)));
  });
  process.stderr.write(`[e2e] portal ready at ${ready.url} in ${((Date.now() - started) / 1000).toFixed(1)}s (${ready.database})\n`);
  const account = ready.demoAccounts.find((a) => a.username === "admin");
  const tests = fs
    .readdirSync(path.join(ROOT, "portal", "e2e"))
    .filter((f) => f.endsWith(".e2e.mjs"))
    // `node scripts/e2e.mjs quota` runs only the files whose name contains "quota".
    .filter((f) => !process.argv[2] || f.includes(process.argv[2]))
    .sort();
  exitCode = 0;
  for (const t of tests) {
    process.stderr.write(`[e2e] ▶ ${t}\n`);
    const r = spawnSync(process.execPath, [path.join(ROOT, "portal", "e2e", t)], {
      cwd: ROOT,
      stdio: "inherit",
      env: {
        ...process.env,
        E2E_BASE_URL: `http://127.0.0.1:${port}`,
        E2E_BASE_URL_V6: `http://[::1]:${port}`,
        E2E_USER: account.username,
        E2E_PASSWORD: account.password,
        // The demo account's fixed TOTP secret (demo mode only): the test computes the codes itself.
        E2E_TOTP_SECRET: account.totpSecret ?? "",
        // Every demo account (username, password, roles, divisionCode, totpSecret) for the authorization matrix test.
        E2E_ACCOUNTS: JSON.stringify(ready.demoAccounts),
        // The PostgreSQL database the portal runs on (empty for the embedded one, which the server holds).
        E2E_DATABASE_URL: env.DATABASE_URL ?? "",
        // The simulated bureau web site (address, the seeded approval it publishes, its files, the planted discrepancy).
        E2E_WEB_SITE: JSON.stringify(webSite),
      },
    });
    if (r.status !== 0) exitCode = 1;
  }
} catch (e) {
  process.stderr.write(`[e2e] ✗ ${e.message}\n`);
  exitCode = 1;
} finally {
  server.kill("SIGTERM");
  await new Promise((resolve) => {
    if (server.exitCode !== null) return resolve();
    const t = setTimeout(() => {
      server.kill("SIGKILL");
      resolve();
    }, 15_000);
    server.on("exit", () => {
      clearTimeout(t);
      resolve();
    });
  });
  site.kill("SIGTERM");
  cleanup();
}
process.exit(exitCode);
