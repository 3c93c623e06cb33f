/// <reference path="./vendor.d.ts" />
/**
 * Opening and creating GeoPackages with @ngageoint/geopackage on its sql.js (WebAssembly SQLite)
 * adapter: the optional native better-sqlite3 is not built everywhere, and sql.js needs no build.
 * The library keeps its SQLite module and its adapter choice in statics of its own classes; this sets
 * them once, loading the wasm from the installed rtree-sql.js (the library's SQLite build) from disk —
 * its default locator would fetch() a URL, which fails offline and in Node.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { CanvasKitCanvasAdapter, Context, type GeoPackage, GeoPackageAPI, SqljsAdapter } from "@ngageoint/geopackage";
import initSqlJs from "rtree-sql.js";

let ready: Promise<void> | null = null;

function setup(): Promise<void> {
  ready ??= (async () => {
    const require = createRequire(import.meta.url);
    // The specifier is built at run time: the portal's bundler (Turbopack) would otherwise try to resolve and
    // bundle the .wasm file itself and fail; at run time Node resolves it from node_modules.
    const specifier = ["rtree-sql.js", "dist", "sql-wasm.wasm"].join("/");
    const wasm = path.join(path.dirname(require.resolve(specifier)), "sql-wasm.wasm");
    (SqljsAdapter as unknown as { SQL: unknown }).SQL = await initSqlJs({ wasmBinary: readFileSync(/*turbopackIgnore: true*/ wasm) });
    Context.setupCustomContext(SqljsAdapter, CanvasKitCanvasAdapter);
  })();
  return ready;
}

export async function openGeoPackage(bytes: Uint8Array): Promise<GeoPackage> {
  await setup();
  return GeoPackageAPI.open(bytes);
}

export async function createGeoPackage(): Promise<GeoPackage> {
  await setup();
  return GeoPackageAPI.create();
}
