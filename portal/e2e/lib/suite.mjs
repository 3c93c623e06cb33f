// The step harness every browser suite shares: named steps with timings, browser errors watched on
// the pages that ask for it, and one way of failing — `✗ <step>: <message>` (an AssertionError
// without its stack), a full-page screenshot under <repo>/test-results/, the browser closed, exit 1.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AssertionError, assert } from "./browser.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const RESULTS = path.join(ROOT, "test-results");

/**
 * A suite named `name` (the `<name>.e2e.mjs` file without the extension, which names its screenshots).
 * The pages given to `watch` collect page errors and unexpected HTTP ≥ 400 responses; every `step`
 * fails when any were collected during it. Suites that watch no page only time their steps.
 */
export function createSuite(name) {
  let current = "start";
  const passed = [];
  const pageErrors = [];
  // The pages a failure may show, latest last: the screenshot is of the latest one still open.
  const pages = [];

  /** The page to photograph on failure, without watching its errors. */
  function capture(page) {
    pages.push(page);
  }

  /**
   * Records `page`'s uncaught errors and its HTTP ≥ 400 responses except those `expected(res)` accepts
   * (a refusal the suite provokes on purpose); with `consoleErrors`, also its console.error messages
   * (failed requests excluded: the response listener reports those with their URL).
   */
  function watch(page, expected = () => false, { consoleErrors = false } = {}) {
    capture(page);
    page.on("pageerror", (err) => pageErrors.push(`${page.url()}: ${err.message}`));
    if (consoleErrors) {
      page.on("console", (msg) => {
        if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource"))
          pageErrors.push(`${page.url()}: console.error ${msg.text()}`);
      });
    }
    page.on("response", (res) => {
      if (res.status() >= 400 && !expected(res)) pageErrors.push(`${page.url()}: HTTP ${res.status()} for ${res.url()}`);
    });
  }

  /** Forgets the errors collected so far (after a refusal the step provoked and checked itself). */
  function forgetErrors() {
    pageErrors.length = 0;
  }

  async function step(stepName, fn) {
    current = stepName;
    const t = Date.now();
    await fn();
    assert(pageErrors.length === 0, `browser errors during "${stepName}":\n  ${pageErrors.join("\n  ")}`);
    passed.push(stepName);
    console.log(`  ✓ ${stepName} (${Date.now() - t} ms)`);
  }

  async function screenshot() {
    const page = pages.findLast((p) => !p.isClosed());
    if (!page) return;
    try {
      fs.mkdirSync(RESULTS, { recursive: true });
      const file = path.join(RESULTS, `${name}-${current.replace(/[^\p{L}\p{N}]+/gu, "_").slice(0, 40)}-${Date.now()}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.error(`  screenshot: ${path.relative(process.cwd(), file)}  (page: ${page.url()})`);
    } catch (e) {
      console.error(`  (screenshot failed: ${e?.message ?? e})`);
    }
  }

  /** Runs `body`, reports its failure, closes `browser` and exits: 0 when every step passed, else 1. */
  async function run(browser, body) {
    let exitCode = 0;
    try {
      await body();
      console.log(`${name}.e2e: ${passed.length} steps passed`);
    } catch (err) {
      exitCode = 1;
      console.error(`✗ ${current}: ${err instanceof AssertionError ? err.message : (err?.stack ?? err)}`);
      await screenshot();
    } finally {
      await browser.close().catch(() => {});
    }
    process.exit(exitCode);
  }

  return { step, watch, capture, forgetErrors, run };
}
