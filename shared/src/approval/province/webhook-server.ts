/**
 * A bare HTTP server for pushed replies, feeding receiveProvincePush exactly as the portal route
 * POST /api/province/replies does: for the simulation, the tests and a worker without the portal.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Db } from "../../db/types.ts";
import { receiveProvincePush } from "./receive-push.ts";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from "./signature.ts";

export async function startReplyWebhook(
  db: Db,
  link: { secret: string; replayWindowSeconds: number },
  listen: { port?: number; host?: string } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const h = (n: string) => {
        const v = req.headers[n];
        return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
      };
      receiveProvincePush(db, link, {
        method: req.method ?? "POST",
        pathWithQuery: req.url ?? "/",
        timestamp: h(TIMESTAMP_HEADER),
        signature: h(SIGNATURE_HEADER),
        body: Buffer.concat(chunks).toString("utf8"),
      })
        .then((r) => {
          res.writeHead(r.status, r.headers);
          res.end(r.body);
        })
        .catch((e: unknown) => {
          res.writeHead(500, { "content-type": "application/json" });
          res.end(JSON.stringify({ error: { code: "INTERNAL", message: (e as Error).message } }));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(listen.port ?? 0, listen.host ?? "127.0.0.1", () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
