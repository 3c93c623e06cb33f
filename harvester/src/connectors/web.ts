/**
 * Internal web system connector: crawls a bureau web system's paginated list, its detail pages and
 * the attachments they link (PDF, scans, DOCX). Static pages are read with cheerio; pages rendered
 * by JavaScript (and JS login forms) with puppeteer-core driving the Debian Chromium. Selectors are
 * configured per site. Lists are newest first: an incremental run stops at the first row older
 * than the newest row of the last completed walk; the cursor also holds the next list page, so a
 * resumed run continues where the last committed page left off.
 */
import * as cheerio from "cheerio";
import type { Browser, Page } from "puppeteer-core";
import { z } from "zod";
import type { Connector, ConnectorContext, ConnectorCursor, DiscoveredItem, DiscoverPage, FetchedItem } from "../connector.ts";
import { PermanentFetchError } from "../connector.ts";
import { withRetry } from "../retry.ts";
import { guessMediaType } from "./onemap.ts";

const render = z.enum(["static", "browser"]).default("static");

export const webSiteSchema = z.object({
  id: z.string().regex(/^web-[a-z0-9-]{1,36}$/, "站点采集源标识形如 web-<站点>"),
  name: z.string().min(1),
  schedule: z.string().min(9).nullable().optional(),
  baseUrl: z.url(),
  timeoutMs: z.number().int().positive().default(15_000),
  login: z
    .object({
      url: z.string(),
      /** static: POST the form fields; browser: fill the selectors and submit in Chromium. */
      mode: render,
      usernameField: z.string().default("username"),
      passwordField: z.string().default("password"),
      usernameSelector: z.string().default("input[name=username]"),
      passwordSelector: z.string().default("input[name=password]"),
      submitSelector: z.string().default("[type=submit]"),
      username: z.string(),
      /** Name of the environment variable holding the password (never the password itself). */
      passwordEnv: z.string(),
    })
    .optional(),
  list: z.object({
    /** With {page}, e.g. /list?page={page}. */
    url: z.string(),
    firstPage: z.number().int().min(0).default(1),
    maxPages: z.number().int().positive().default(200),
    render,
    /** Browser pages: wait for this selector before reading. */
    waitFor: z.string().optional(),
    rowSelector: z.string(),
    linkSelector: z.string().default("a"),
    dateSelector: z.string().optional(),
  }),
  detail: z.object({
    render,
    waitFor: z.string().optional(),
    attachmentSelector: z.string().default("a[href]"),
    docNumberSelector: z.string().optional(),
    batchNoSelector: z.string().optional(),
    captionSelector: z.string().optional(),
  }),
  chromiumPath: z.string().optional(),
});
export type WebSite = z.input<typeof webSiteSchema>;

interface WebCursor {
  page: number | null;
  since: string | null;
  newest: string | null;
}

function asCursor(c: ConnectorCursor): WebCursor {
  if (c && typeof c === "object" && !Array.isArray(c)) {
    const o = c as Record<string, unknown>;
    return {
      page: typeof o.page === "number" ? o.page : null,
      since: typeof o.since === "string" ? o.since : null,
      newest: typeof o.newest === "string" ? o.newest : null,
    };
  }
  return { page: null, since: null, newest: null };
}

const PDF_OR_FILE = /\.(pdf|png|jpe?g|tiff?|docx|txt|zip)(\?|$)/i;

export function webConnector(input: WebSite): Connector {
  const site = webSiteSchema.parse(input);
  const retry = { attempts: 3, baseDelayMs: 300, maxDelayMs: 3000 };
  let cookie = "";
  let loggedIn = false;
  let browser: Browser | null = null;
  const abs = (href: string) => new URL(href, site.baseUrl).toString();
  const keyOf = (url: string) => {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  };

  const request = async (url: string, ctx: ConnectorContext): Promise<Response> => {
    const signal = AbortSignal.timeout(site.timeoutMs);
    const res = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: "manual", signal });
    if (res.status >= 300 && res.status < 400 && /login/i.test(res.headers.get("location") ?? "") && site.login) {
      // The session expired: log in again once.
      loggedIn = false;
      await login(ctx);
      return fetch(url, { headers: { cookie }, signal: AbortSignal.timeout(site.timeoutMs) });
    }
    if (res.status >= 300 && res.status < 400) {
      const to = res.headers.get("location");
      if (to) return fetch(abs(to), { headers: cookie ? { cookie } : {}, signal: AbortSignal.timeout(site.timeoutMs) });
    }
    return res;
  };

  const failIfBad = (res: Response, url: string) => {
    if (res.status === 404 || res.status === 410 || res.status === 403) throw new PermanentFetchError(`HTTP ${res.status} ${url}`);
    if (!res.ok) throw new Error(`HTTP ${res.status} ${url}`);
  };

  const getBrowser = async (): Promise<Browser> => {
    if (browser) return browser;
    const puppeteer = (await import("puppeteer-core")).default;
    browser = await puppeteer.launch({
      executablePath: site.chromiumPath ?? "/usr/bin/chromium",
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-dev-shm-usage",
      ],
    });
    return browser;
  };

  const withPage = async <T>(fn: (page: Page) => Promise<T>): Promise<T> => {
    const b = await getBrowser();
    const page = await b.newPage();
    try {
      page.setDefaultTimeout(site.timeoutMs);
      if (cookie) {
        const host = new URL(site.baseUrl).hostname;
        await b.setCookie(
          ...cookie.split("; ").map((kv) => {
            const [name, ...rest] = kv.split("=");
            return { name: name ?? "", value: rest.join("="), domain: host, path: "/" };
          }),
        );
      }
      return await fn(page);
    } finally {
      await page.close();
    }
  };

  async function login(ctx: ConnectorContext): Promise<void> {
    if (!site.login || loggedIn) return;
    const l = site.login;
    const password = process.env[l.passwordEnv];
    if (password === undefined) throw new PermanentFetchError(`login password variable ${l.passwordEnv} is not set`);
    if (l.mode === "browser") {
      cookie = await withPage(async (page) => {
        await page.goto(abs(l.url), { waitUntil: "domcontentloaded" });
        await page.type(l.usernameSelector, l.username);
        await page.type(l.passwordSelector, password);
        await Promise.all([page.waitForNavigation({ waitUntil: "domcontentloaded" }), page.click(l.submitSelector)]);
        const cookies = await page.browserContext().cookies();
        return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
      });
    } else {
      const body = new URLSearchParams({ [l.usernameField]: l.username, [l.passwordField]: password });
      const res = await fetch(abs(l.url), {
        method: "POST",
        body,
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        signal: AbortSignal.timeout(site.timeoutMs),
      });
      const set = res.headers.getSetCookie();
      if (set.length === 0) throw new PermanentFetchError(`login refused by ${l.url} (HTTP ${res.status})`);
      cookie = set.map((c) => c.split(";")[0]).join("; ");
    }
    loggedIn = true;
    ctx.log(`已登录 ${site.name}`);
  }

  const html = async (url: string, mode: "static" | "browser", waitFor: string | undefined, ctx: ConnectorContext): Promise<string> =>
    withRetry(
      async () => {
        if (mode === "browser") {
          return withPage(async (page) => {
            const res = await page.goto(url, { waitUntil: "domcontentloaded" });
            if (res && (res.status() === 404 || res.status() === 410)) throw new PermanentFetchError(`HTTP ${res.status()} ${url}`);
            if (waitFor) await page.waitForSelector(waitFor);
            return page.content();
          });
        }
        const res = await request(url, ctx);
        failIfBad(res, url);
        return res.text();
      },
      retry,
      { signal: ctx.signal, onRetry: (n, e) => ctx.log(`页面读取失败（第${n}次）${url}：${(e as Error).message}`) },
    );

  return {
    id: site.id,
    name: site.name,
    schedule: site.schedule === undefined ? "30 1 * * *" : site.schedule,
    async *discover(c: ConnectorCursor, ctx: ConnectorContext): AsyncIterable<DiscoverPage> {
      await login(ctx);
      const cur = asCursor(c);
      let newest = cur.newest;
      for (let n = cur.page ?? site.list.firstPage; n < site.list.firstPage + site.list.maxPages; n++) {
        const listUrl = abs(site.list.url.replace("{page}", String(n)));
        const $ = cheerio.load(await html(listUrl, site.list.render, site.list.waitFor, ctx));
        const rows = $(site.list.rowSelector).toArray();
        if (rows.length === 0) break;
        const items: DiscoveredItem[] = [];
        let reachedKnown = false;
        for (const row of rows) {
          const href = $(row).find(site.list.linkSelector).first().attr("href");
          if (!href) continue;
          const date = site.list.dateSelector ? $(row).find(site.list.dateSelector).first().text().trim() || null : null;
          if (date && cur.since && date < cur.since) {
            reachedKnown = true;
            break;
          }
          if (date && (!newest || date > newest)) newest = date;
          const detailUrl = abs(href);
          let d$: cheerio.CheerioAPI;
          try {
            d$ = cheerio.load(await html(detailUrl, site.detail.render, site.detail.waitFor, ctx));
          } catch (e) {
            ctx.skipped?.(keyOf(detailUrl), (e as Error).message);
            continue;
          }
          const text = (sel: string | undefined) => (sel ? d$(sel).first().text().trim() || null : null);
          const docNumber = text(site.detail.docNumberSelector);
          const batchNo = text(site.detail.batchNoSelector);
          const caption = text(site.detail.captionSelector) ?? $(row).text().replace(/\s+/g, " ").trim();
          for (const a of d$(site.detail.attachmentSelector).toArray()) {
            const ahref = d$(a).attr("href");
            if (!ahref || !PDF_OR_FILE.test(ahref)) continue;
            const url = abs(ahref);
            items.push({
              key: keyOf(url),
              version: date,
              title: d$(a).text().trim() || decodeURIComponent(new URL(url).pathname.split("/").pop() ?? url),
              metadata: { docNumber, batchNo, caption },
            });
          }
        }
        const last = reachedKnown || rows.length === 0;
        // Mid-walk the cursor points at the next list page; a completed walk remembers the newest date.
        yield {
          items,
          cursor: last ? { page: null, since: newest, newest: null } : { page: n + 1, since: cur.since, newest },
        };
        if (last) return;
      }
      yield { items: [], cursor: { page: null, since: newest, newest: null } };
    },
    async fetch(item: DiscoveredItem, ctx: ConnectorContext): Promise<FetchedItem> {
      await login(ctx);
      const url = abs(item.key);
      const res = await request(url, ctx);
      failIfBad(res, url);
      const bytes = new Uint8Array(await res.arrayBuffer());
      const disposition = res.headers.get("content-disposition") ?? "";
      const named = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
      const fileName = named ? decodeURIComponent(named) : decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "file");
      const type = res.headers.get("content-type")?.split(";")[0]?.trim();
      return { bytes, fileName, mediaType: type && type !== "application/octet-stream" ? type : guessMediaType(fileName) };
    },
    async close() {
      const b = browser as Browser | null;
      browser = null;
      await b?.close();
    },
  };
}
