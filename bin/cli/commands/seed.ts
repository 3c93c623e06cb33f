import { seedDemo } from "@land/shared";
import { openMigrated } from "../context.ts";
import { EXIT, log, printJson } from "../output.ts";

export async function seedCommand(opts: { json?: boolean }): Promise<number> {
  const { config, db } = await openMigrated("land seed");
  try {
    const result = await seedDemo(db, { demo: config.demo });
    if (opts.json) printJson({ ok: true, divisions: result.divisions, accounts: result.accounts.map((a) => a.username) });
    else log(`已载入行政区划 ${result.divisions} 条、演示账号 ${result.accounts.length} 个（数据库非空时不重复载入）`);
    return EXIT.ok;
  } finally {
    await db.close();
  }
}
