/** Use case: a clerk resolves an automatic check finding with a note (checked against the paper, corrected, accepted …). */
import { z } from "zod";
import type { Db } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";
import { appendAudit } from "../../security/audit.ts";
import type { RequestMeta } from "../../security/policies/enforce.ts";
import { authorizeRow, parseInput, userSchema } from "./common.ts";
import { readFinding, resolveFindingRow } from "./repository.ts";

const schema = z.object({
  findingId: z.coerce.number().int().positive(),
  user: userSchema,
  note: z.string().trim().min(2, "请填写处理说明（至少 2 个字）").max(2000),
});
export type ResolveFindingOptions = z.input<typeof schema>;

export async function resolveFinding(db: Db, options: ResolveFindingOptions, meta: RequestMeta = {}): Promise<{ id: number }> {
  const o = parseInput("resolveFinding", schema, options);
  const notFound = () =>
    new AppError("NOT_FOUND", `finding ${o.findingId} not found`, {
      messageZh: `核查发现不存在：${o.findingId}`,
      location: { field: "findingId" },
    });
  const pre = await readFinding(db, o.findingId);
  if (!pre) throw notFound();
  await authorizeRow(db, o.user, "update", pre.division_code, meta);
  return db.transaction(async (tx) => {
    const f = await readFinding(tx, o.findingId, true);
    if (!f) throw notFound();
    if (f.resolved_at !== null) {
      throw new AppError("WRONG_STATE", `finding ${f.id} already resolved`, {
        messageZh: `该核查发现已由 ${f.resolved_by ?? "?"} 处理：${f.resolution ?? ""}`,
        location: { field: "findingId" },
      });
    }
    await resolveFindingRow(tx, f.id, o.user.username, o.note);
    await appendAudit(tx, {
      actor: o.user.username,
      roles: o.user.roles,
      divisionCode: f.division_code,
      action: "disclosure.resolve_finding",
      entity: "disclosure_record",
      entityId: f.record_id,
      ip: meta.ip ?? null,
      detail: { findingId: f.id, code: f.code, severity: f.severity, page: f.page, message: f.message, note: o.note },
    });
    return { id: f.id };
  });
}
