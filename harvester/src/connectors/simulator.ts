/**
 * A local simulator of a bureau's internal web system, for tests: a login form, a paginated list
 * (newest first, with dates), detail pages with the 批准文号 and attachments (text PDF, scanned
 * image, DOCX), a JavaScript-rendered list, a broken detail link, a missing file and a download that
 * never answers (timeout).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import JSZip from "jszip";

export interface SimulatedFile {
  name: string;
  bytes: Uint8Array;
  type: string;
}

export interface SimulatedEntry {
  id: number;
  date: string;
  title: string;
  docNumber?: string;
  files: SimulatedFile[];
  /** Links on the detail page that lead nowhere (404) or never answer. */
  broken?: ("missing" | "slow")[];
  /** Listed, but its detail page is gone (404). */
  gone?: boolean;
}

export interface Simulator {
  url: string;
  /** Hits per path (to see what was downloaded again). */
  hits: Map<string, number>;
  entries: SimulatedEntry[];
  close(): Promise<void>;
}

export const SIM_USER = "clerk";
export const SIM_PASSWORD = "S1mulated!";

export async function docxOf(paragraphs: readonly string[]): Promise<Uint8Array> {
  const zip = new JSZip();
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  zip.file(
    "[Content_Types].xml",
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    "_rels/.rels",
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    "word/document.xml",
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs
      .map((p) => `<w:p><w:r><w:t>${esc(p)}</w:t></w:r></w:p>`)
      .join("")}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: "uint8array" });
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

export async function startSimulator(entries: SimulatedEntry[], o: { pageSize?: number } = {}): Promise<Simulator> {
  const hits = new Map<string, number>();
  const pageSize = o.pageSize ?? 2;
  const sorted = () => [...entries].sort((a, b) => b.date.localeCompare(a.date));
  const pending: ServerResponse[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const u = new URL(req.url ?? "/", "http://sim");
    hits.set(u.pathname, (hits.get(u.pathname) ?? 0) + 1);
    const send = (status: number, body: string | Uint8Array, type = "text/html; charset=utf-8", headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": type, ...headers });
      res.end(body);
    };
    if (u.pathname === "/login") {
      if (req.method === "POST") {
        let body = "";
        req.on("data", (c: Buffer) => {
          body += c.toString();
        });
        req.on("end", () => {
          const f = new URLSearchParams(body);
          if (f.get("username") === SIM_USER && f.get("password") === SIM_PASSWORD) {
            send(302, "", "text/plain", { "set-cookie": "sid=ok; Path=/; HttpOnly", location: "/list?page=1" });
          } else send(401, page("登录", "<p>用户名或密码错误</p>"));
        });
        return;
      }
      return send(
        200,
        page(
          "登录",
          '<form method="post" action="/login"><input name="username"><input name="password" type="password"><button type="submit">登录</button></form>',
        ),
      );
    }
    if (!/(^|;\s*)sid=ok(;|$)/.test(req.headers.cookie ?? "")) return send(302, "", "text/plain", { location: "/login" });
    if (u.pathname === "/list") {
      const n = Number(u.searchParams.get("page") ?? "1");
      const rows = sorted().slice((n - 1) * pageSize, n * pageSize);
      return send(
        200,
        page(
          "征地批文列表",
          `<table class="list">${rows
            .map((e) => `<tr class="row"><td><a href="/detail/${e.id}">${e.title}</a></td><td class="date">${e.date}</td></tr>`)
            .join("")}</table><a class="next" href="/list?page=${n + 1}">下一页</a>`,
        ),
      );
    }
    if (u.pathname === "/js-list") {
      const n = Number(u.searchParams.get("page") ?? "1");
      const rows = sorted()
        .slice((n - 1) * pageSize, n * pageSize)
        .map((e) => ({ href: `/detail/${e.id}`, title: e.title, date: e.date }));
      // Rendered by script after load: a static reader sees an empty table.
      return send(
        200,
        page(
          "征地批文列表（动态）",
          `<table id="t"></table><script>const rows=${JSON.stringify(rows)};setTimeout(()=>{const t=document.getElementById("t");for(const r of rows){const tr=document.createElement("tr");tr.className="row";tr.innerHTML='<td><a href="'+r.href+'">'+r.title+'</a></td><td class="date">'+r.date+'</td>';t.appendChild(tr);}document.body.dataset.ready="1";},50);</script>`,
        ),
      );
    }
    const detail = /^\/detail\/(\d+)$/.exec(u.pathname);
    if (detail) {
      const e = entries.find((x) => x.id === Number(detail[1]));
      if (!e || e.gone) return send(404, page("不存在", "<p>页面不存在</p>"));
      const links = [
        ...e.files.map((f) => `<li><a class="attachment" href="/files/${e.id}/${encodeURIComponent(f.name)}">${f.name}</a></li>`),
        ...(e.broken ?? []).map((b) => `<li><a class="attachment" href="/files/${e.id}/${b}.pdf">${b}.pdf</a></li>`),
      ];
      return send(
        200,
        page(
          e.title,
          `<h1>${e.title}</h1>${e.docNumber ? `<p>批准文号：<span class="doc-number">${e.docNumber}</span></p>` : ""}<ul>${links.join("")}</ul>`,
        ),
      );
    }
    const file = /^\/files\/(\d+)\/(.+)$/.exec(u.pathname);
    if (file) {
      const e = entries.find((x) => x.id === Number(file[1]));
      const name = decodeURIComponent(file[2] ?? "");
      if (name === "slow.pdf") {
        pending.push(res);
        return;
      }
      const f = e?.files.find((x) => x.name === name);
      if (!f) return send(404, "not found", "text/plain");
      return send(200, f.bytes, f.type, { "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}` });
    }
    send(404, "not found", "text/plain");
  };
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    entries,
    async close() {
      for (const r of pending) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
