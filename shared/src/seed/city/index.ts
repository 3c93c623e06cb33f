/**
 * `seedCity`: loads the synthetic 成都-like base layers (三调 DLTB patches, 乡镇/村 divisions, the
 * three control lines) into the database in one audited transaction.
 *
 * PostgreSQL bulk path: the `Db` interface deliberately hides the pg client, so COPY needs a
 * connection of its own. Pass `databaseUrl` (the URL the `Db` was opened with): the whole load —
 * the conflict check, deletes, divisions, the patch COPY, control lines and the audit event — then
 * runs inside one BEGIN … COMMIT on that dedicated `pg.Client`. Without it (and on embedded PGlite,
 * whose `Db` wrapper cannot pass PGlite's `blob` option for `COPY … FROM '/dev/blob'`) patches go
 * in as chunked `INSERT … SELECT FROM unnest($1::text[], …)` inside `db.transaction`.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { wrapPg } from "../../db/postgres.ts";
import type { Db, Queryable } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";
import { appendAudit } from "../../security/audit.ts";
import { buildCity, CITY_SOURCE, type CityModel, type ControlLineRow, type DivisionRow, type PatchRow } from "./generate.ts";
import { CITY_COUNTIES, CITY_SCALES, type CityScale } from "./plan.ts";

export { buildCity, CITY_CLASSES, CITY_SOURCE, type CityModel, cityHash } from "./generate.ts";
export { CITY_COUNTIES, CITY_SCALES, type CityScale, MEAN_PATCH_M2 } from "./plan.ts";

export interface SeedCityOptions {
  scale: CityScale;
  seed: string | number;
  onProgress?: (done: number, total: number, stage: string) => void;
  /** Audit actor, default "system". */
  actor?: string;
  /** Delete existing patches, synthetic control lines and the 乡镇/村 of the four counties first. */
  replace?: boolean;
  /** PostgreSQL only: connection string of this database, enabling COPY on a dedicated connection. */
  databaseUrl?: string;
  /** Patches per chunk (generation and insert batch), default 5000. */
  chunkSize?: number;
}

export interface SeedCityResult {
  patches: number;
  towns: number;
  villages: number;
  controlLines: number;
  /** Ellipsoidal area of the study area, km². */
  areaKm2: number;
  seconds: number;
  /** How patches were loaded. */
  method: "copy" | "insert";
}

const PATCH_COLUMNS = "bsm, dlbm, dlmc, qsxz, qsdwdm, zldwdm, tbmj, division_code, geom";

async function insertPatches(tx: Queryable, rows: readonly PatchRow[]): Promise<void> {
  const col = <K extends keyof PatchRow>(k: K): PatchRow[K][] => rows.map((r) => r[k]);
  await tx.query(
    `INSERT INTO land_use_patch (${PATCH_COLUMNS})
     SELECT a, b, c, d, e, f, g, h, ST_GeomFromEWKB(decode(i, 'hex'))
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::numeric[], $8::text[], $9::text[])
       AS u(a, b, c, d, e, f, g, h, i)`,
    [col("bsm"), col("dlbm"), col("dlmc"), col("qsxz"), col("qsdwdm"), col("zldwdm"), col("tbmj"), col("divisionCode"), col("geom")],
  );
}

function copyLines(rows: readonly PatchRow[]): string {
  // No field can hold a tab, newline or backslash (codes, generated names, hex), so no escaping.
  let s = "";
  for (const r of rows)
    s += `${r.bsm}\t${r.dlbm}\t${r.dlmc}\t${r.qsxz}\t${r.qsdwdm}\t${r.zldwdm}\t${r.tbmj}\t${r.divisionCode}\t${r.geom}\n`;
  return s;
}

async function insertDivisions(tx: Queryable, rows: readonly DivisionRow[]): Promise<void> {
  for (const r of rows.filter((d) => d.level === "county")) {
    await tx.query("UPDATE division SET geom = ST_GeomFromEWKB(decode($2, 'hex')) WHERE code = $1", [r.code, r.geom]);
  }
  for (const level of ["town", "village"] as const) {
    const list = rows.filter((d) => d.level === level);
    for (let k = 0; k < list.length; k += 500) {
      const part = list.slice(k, k + 500);
      await tx.query(
        `INSERT INTO division (code, name, level, parent_code, geom)
         SELECT a, b, c, d, ST_GeomFromEWKB(decode(e, 'hex'))
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(a, b, c, d, e)`,
        [
          part.map((r) => r.code),
          part.map((r) => r.name),
          part.map((r) => r.level),
          part.map((r) => r.parentCode),
          part.map((r) => r.geom),
        ],
      );
    }
  }
}

async function insertControlLine(tx: Queryable, r: ControlLineRow): Promise<void> {
  await tx.query(
    "INSERT INTO control_line (kind, name, source, division_code, geom) VALUES ($1, $2, $3, $4, ST_GeomFromEWKB(decode($5, 'hex')))",
    [r.kind, r.name, r.source, r.divisionCode, r.geom],
  );
}

/** Generates the synthetic city for `scale`/`seed` and loads it; see the module comment. */
export async function seedCity(db: Db, options: SeedCityOptions): Promise<SeedCityResult> {
  if (!(options.scale in CITY_SCALES)) {
    throw new AppError("VALIDATION_FAILED", `unknown city scale ${String(options.scale)}`, {
      messageZh: `未知的规模：${String(options.scale)}（可选 ${Object.keys(CITY_SCALES).join("、")}）`,
    });
  }
  const t0 = performance.now();
  const progress = options.onProgress ?? (() => {});
  const chunkSize = options.chunkSize ?? 5000;
  const model: CityModel = buildCity({
    scale: options.scale,
    seed: options.seed,
    onProgress: (d, t, s) => progress(d, t, `generate:${s}`),
  });
  const useCopy = db.kind === "postgres" && typeof options.databaseUrl === "string" && options.databaseUrl.length > 0;

  const load = async (
    tx: Queryable,
    copy: ((sql: string, source: AsyncIterable<string>) => Promise<void>) | null,
  ): Promise<SeedCityResult> => {
    // Serialise concurrent loads; then refuse to pile a second city onto existing patches.
    await tx.query("LOCK TABLE land_use_patch IN SHARE ROW EXCLUSIVE MODE");
    const existing = await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM (SELECT 1 FROM land_use_patch LIMIT 1) s");
    const counties = CITY_COUNTIES.map((c) => c.code);
    if ((existing.rows[0]?.n ?? 0) > 0) {
      if (!options.replace) {
        throw new AppError("CONFLICT", "land_use_patch already has rows; pass { replace: true } to replace them", {
          messageZh: "地类图斑表（land_use_patch）已有数据，拒绝重复加载；如需替换请指定 replace。",
        });
      }
    }
    if (options.replace) {
      await tx.query("DELETE FROM control_line WHERE source LIKE $1", [`${CITY_SOURCE}%`]);
      await tx.query("DELETE FROM land_use_patch");
      await tx.query("DELETE FROM division WHERE level = 'village' AND left(code, 6) = ANY($1::text[])", [counties]);
      await tx.query("DELETE FROM division WHERE level = 'town' AND left(code, 6) = ANY($1::text[])", [counties]);
      await tx.query("UPDATE division SET geom = NULL WHERE code = ANY($1::text[])", [counties]);
    }
    const missing = await tx.query<{ code: string }>(
      "SELECT c AS code FROM unnest($1::text[]) AS c WHERE NOT EXISTS (SELECT 1 FROM division d WHERE d.code = c)",
      [counties],
    );
    if (missing.rows.length > 0) {
      throw new AppError(
        "VALIDATION_FAILED",
        `counties missing from division: ${missing.rows.map((r) => r.code).join(", ")} (run seedDemo first)`,
        {
          messageZh: "行政区划表缺少所需的区县，请先加载基础代码表（seedDemo）。",
        },
      );
    }

    const total = model.patchCount;
    const divisions = [...model.divisions()];
    await insertDivisions(tx, divisions);
    progress(0, total, "patches");
    let done = 0;
    if (copy) {
      async function* lines(): AsyncGenerator<string> {
        for (const chunk of model.patchChunks(chunkSize)) {
          yield copyLines(chunk);
          done += chunk.length;
          progress(done, total, "patches");
        }
      }
      await copy(`COPY land_use_patch (${PATCH_COLUMNS}) FROM STDIN`, lines());
    } else {
      for (const chunk of model.patchChunks(chunkSize)) {
        await insertPatches(tx, chunk);
        done += chunk.length;
        progress(done, total, "patches");
      }
    }
    let controlLines = 0;
    for (const line of model.controlLines()) {
      await insertControlLine(tx, line);
      controlLines++;
    }
    progress(controlLines, controlLines, "control_lines");
    const towns = divisions.filter((d) => d.level === "town").length;
    const villages = divisions.filter((d) => d.level === "village").length;
    const areaKm2 = Math.round(model.boundaryArea / 1e2) / 1e4;
    await appendAudit(tx, {
      actor: options.actor ?? "system",
      action: "seed.city",
      entity: "land_use_patch",
      detail: {
        scale: options.scale,
        seed: String(options.seed),
        patches: done,
        towns,
        villages,
        controlLines,
        areaKm2,
        replace: options.replace === true,
        source: CITY_SOURCE,
      },
    });
    return { patches: done, towns, villages, controlLines, areaKm2, seconds: 0, method: copy ? "copy" : "insert" };
  };

  let result: SeedCityResult;
  if (useCopy) {
    const client = new pg.Client({ connectionString: options.databaseUrl });
    await client.connect();
    try {
      await client.query("BEGIN");
      try {
        result = await load(wrapPg(client), async (sql, source) => {
          await pipeline(Readable.from(source), client.query(copyFrom(sql)));
        });
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK").catch(() => {});
        throw e;
      }
      await client.query("ANALYZE land_use_patch");
    } finally {
      await client.end().catch(() => {});
    }
  } else {
    result = await db.transaction((tx) => load(tx, null));
    await db.exec("ANALYZE land_use_patch");
  }
  progress(1, 1, "done");
  return { ...result, seconds: Math.round((performance.now() - t0) / 10) / 100 };
}
