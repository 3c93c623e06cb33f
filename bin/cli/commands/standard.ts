import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ALL_CODE_TABLES, DIVISIONS, generatedArtefacts, LAND_CLASSES, modelSql } from "@land/shared";
import { EXIT, log, printJson } from "../output.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** `land standard`: (re)writes the generated standard document and prisma/schema.prisma. */
export async function standardCommand(opts: { json?: boolean; check?: boolean }): Promise<number> {
  const results = generatedArtefacts().map((a) => {
    const file = path.join(ROOT, a.path);
    const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null;
    const changed = current !== a.content;
    if (changed && !opts.check) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, a.content);
    }
    return { path: a.path, changed, bytes: Buffer.byteLength(a.content) };
  });
  const stale = opts.check && results.some((r) => r.changed);
  if (opts.json) printJson({ ok: !stale, files: results });
  else
    for (const r of results)
      log(`${opts.check ? (r.changed ? "✗ 已过期" : "✓ 一致") : r.changed ? "已更新" : "无变化"}  ${r.path}（${r.bytes} 字节）`);
  return stale ? EXIT.rejected : EXIT.ok;
}

/** `land standard codes --json`: the code tables as data. */
export async function standardCodesCommand(opts: { json?: boolean }): Promise<number> {
  const doc = {
    landClasses: LAND_CLASSES.map((c) => ({ code: c.code, name: c.name, level: c.level, majorClass: c.majorClass })),
    divisions: DIVISIONS.map((d) => ({ code: d.code, name: d.name, level: d.level, parentCode: d.parentCode })),
    tables: ALL_CODE_TABLES.filter((t) => t.id !== "landClass").map((t) => ({
      id: t.id,
      name: t.nameZh,
      source: t.source,
      codes: t.entries,
    })),
  };
  if (opts.json) printJson(doc);
  else for (const t of ALL_CODE_TABLES) log(`${t.id.padEnd(22)} ${t.nameZh}（${t.entries.length} 项）— ${t.source}`);
  return EXIT.ok;
}

/** `land standard sql`: the model's DDL, for writing a migration. */
export async function standardSqlCommand(): Promise<number> {
  process.stdout.write(modelSql());
  return EXIT.ok;
}
