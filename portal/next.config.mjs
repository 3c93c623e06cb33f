import path from "node:path";
import { fileURLToPath } from "node:url";

const portalDir = path.dirname(fileURLToPath(import.meta.url));

/** @type {import('next').NextConfig} */
const nextConfig = {
  // @land/shared is TypeScript source (explicit `.ts` relative imports); Next compiles it.
  transpilePackages: ["@land/shared"],
  // Native / WASM / long-lived server packages must stay outside the bundle.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-postgis", "pg-boss", "pg", "@node-rs/argon2", "exceljs"],
  poweredByHeader: false,
  reactStrictMode: true,
  // The monorepo root holds node_modules and shared/; tell Turbopack where the workspace starts.
  turbopack: {
    root: path.join(portalDir, ".."),
  },
  outputFileTracingRoot: path.join(portalDir, ".."),
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "SAMEORIGIN" },
        ],
      },
    ];
  },
};

export default nextConfig;
