import { z } from "zod";
import { parseInput } from "../../approval/common.ts";
import type { Queryable } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";
import { findPublicFile, type PublicFileRow } from "./repository.ts";

export type PublicFile = PublicFileRow;

/**
 * The stored file of one 主动公开 material of a published record, for the public file route. A
 * 依申请公开 or 不公开 material, an unpublished record or a wrong pairing all answer NOT_FOUND, so the
 * route cannot be used to learn that a withheld document exists.
 */
export async function getPublicFile(q: Queryable, input: { slug: string; itemId: string }): Promise<PublicFile> {
  const p = parseInput("getPublicFile", z.object({ slug: z.string().regex(/^[0-9a-z-]{1,120}$/), itemId: z.uuid() }), input);
  const f = await findPublicFile(q, p.slug, p.itemId);
  if (!f) {
    throw new AppError("NOT_FOUND", `no public file ${p.slug}/${p.itemId}`, {
      messageZh: "未找到该公开文件（文件不存在或不属于主动公开范围）",
      location: { field: "itemId" },
    });
  }
  return f;
}
