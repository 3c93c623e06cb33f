import path from "node:path";
import { fileURLToPath } from "node:url";

const portalDir = path.dirname(fileURLToPath(import.meta.url));

/** @type {import('next').NextConfig} */
const nextConfig = {
  // @land/shared is TypeScript source (explicit `.ts` relative imports); Next compiles it.
  transpilePackages: ["@land/shared"],
  // Native / WASM / long-lived server packages must stay outside the bundle.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@electric-sql/pglite-postgis",
    "pg-boss",
    "pg",
    "@node-rs/argon2",
    "exceljs",
    // 审查意见书 rendering: resvg is a native addon, pdfkit reads its font metrics from its own folder.
    "@resvg/resvg-js",
    "pdfkit",
    // GeoPackage reading (勘测定界 upload): sql.js WASM loaded at run time.
    "@ngageoint/geopackage",
    "rtree-sql.js",
    // 征地信息公开 search: jieba word segmentation is a napi addon.
    "@node-rs/jieba",
    // The Meilisearch client (MEILI_URL) runs on the server only.
    "meilisearch",
  ],
  poweredByHeader: false,
  reactStrictMode: true,
  // The monorepo root holds node_modules and shared/; tell Turbopack where the workspace starts.
  turbopack: {
    root: path.join(portalDir, ".."),
  },
  outputFileTracingRoot: path.join(portalDir, ".."),
  // forbidden() + forbidden.tsx: a refused back-office page answers HTTP 403 with the Chinese 403 page.
  experimental: {
    authInterrupts: true,
  },
  // Static headers for every response (build assets included); the CSP with its per-request
  // nonce and HSTS for HTTPS requests are set by proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
      {
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }],
      },
    ];
  },
};

export default nextConfig;
