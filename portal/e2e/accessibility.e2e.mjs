// Accessibility of the public portal in a real browser (playwright-core + Debian Chromium), anonymous:
//   - axe-core (WCAG 2.0/2.1 A and AA rules, colour contrast included) on the home page, a search with
//     results and facets, a record page with its map and documents, the guide and a page that does not
//     exist: no serious or critical violation; lesser ones are printed;
//   - keyboard: the first Tab reaches 跳到主要内容, Enter moves to the main content, and the search box,
//     the search button and a result link are reached with Tab alone.
//
// axe is injected into the page by the test (a context that bypasses the CSP — the portal's own
// pages never need that); scripts/e2e.mjs writes the record first (fixtures/disclosure-public.seed.mjs).
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { E2E_DISCLOSURE as F } from "./fixtures/disclosure-public.seed.mjs";
import { assert, launchChromium } from "./lib/browser.mjs";
import { BASE, timeoutMs } from "./lib/env.mjs";
import { createSuite } from "./lib/suite.mjs";

const TIMEOUT = timeoutMs(20_000);
if (!BASE) {
  console.error("accessibility.e2e: E2E_BASE_URL is required");
  process.exit(2);
}
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const PAGES = [
  ["首页", "/"],
  ["检索结果", `/search?q=${encodeURIComponent("白云村")}`],
  ["公开信息页（地图、材料）", `/gongkai/${F.slug}`],
  ["公开指南", "/gongkai"],
  ["不存在的页面", "/gongkai/bu-cun-zai-de-xin-xi"],
];

const browser = await launchChromium(chromium);
const { step, capture, run } = createSuite("accessibility");
await run(browser, async () => {
  const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  capture(page);

  for (const [name, path] of PAGES) {
    await step(`axe: ${name}`, async () => {
      await page.goto(`${BASE}${path}`, { waitUntil: "networkidle" });
      await page.addScriptTag({ path: AXE });
      const result = await page.evaluate(async () => {
        // axe is the global the injected script defines.
        const r = await window.axe.run(document, {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
          resultTypes: ["violations"],
        });
        return r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
        }));
      });
      const bad = result.filter((v) => v.impact === "serious" || v.impact === "critical");
      for (const v of result.filter((x) => !bad.includes(x)))
        console.log(`    · ${name}: ${v.impact} ${v.id} (${v.help}) ${v.nodes.join(", ")}`);
      assert(
        bad.length === 0,
        `${name} (${path}):\n  ${bad.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.join(", ")}`).join("\n  ")}`,
      );
    });
  }

  await step("keyboard", async () => {
    await page.goto(`${BASE}/search?q=${encodeURIComponent("白云村")}`);
    await page.keyboard.press("Tab");
    const first = await page.evaluate(() => document.activeElement?.textContent?.trim());
    assert(first === "跳到主要内容", `first Tab stop is "${first}", not the skip link`);
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => u.hash === "#main");
    const reached = new Set();
    for (let i = 0; i < 60 && reached.size < 3; i++) {
      await page.keyboard.press("Tab");
      const el = await page.evaluate(() => {
        const a = document.activeElement;
        return a
          ? {
              tag: a.tagName,
              type: a.getAttribute("type"),
              name: a.getAttribute("name"),
              text: a.textContent?.trim() ?? "",
              href: a.getAttribute("href") ?? "",
            }
          : null;
      });
      if (!el) continue;
      if (el.tag === "INPUT" && el.name === "q") reached.add("search box");
      if (el.tag === "BUTTON" && /检索|搜索/.test(el.text)) reached.add("search button");
      if (el.tag === "A" && el.href.startsWith(`/gongkai/${F.slug}`)) reached.add("result link");
    }
    assert(reached.size === 3, `Tab reached only: ${[...reached].join(", ") || "nothing"}`);
  });
});
