import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "shared/src/**/*.test.ts",
      "harvester/src/**/*.test.ts",
      "ocr/src/**/*.test.ts",
      "bin/**/*.test.ts",
      "portal/lib/**/*.test.ts",
    ],
    exclude: ["**/node_modules/**", "portal/.next/**"],
    pool: "forks",
    // Each file opens its own database; PostGIS in PGlite takes seconds to create.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: "test" },
  },
});
