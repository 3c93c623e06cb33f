/**
 * 阶段 of materials and records. The 建库标准's document kinds call the approval stage 批复; the
 * disclosure tables (and the public pages) call it 批文 — one mapping, here.
 */
import { DOCUMENT_KINDS } from "../../standard/codes/index.ts";

export const DISCLOSURE_STAGES = ["批前", "报批", "批文", "批后"] as const;
export type DisclosureStage = (typeof DISCLOSURE_STAGES)[number];

export function stageOfKind(kind: string | null | undefined): DisclosureStage | null {
  const entry = DOCUMENT_KINDS.find((k) => k.code === kind);
  if (!entry) return null;
  return entry.stage === "批复" ? "批文" : entry.stage;
}

/** The furthest stage among those given (a record is as far as its latest material). */
export function latestStage(stages: readonly string[]): DisclosureStage | null {
  let best = -1;
  for (const s of stages) best = Math.max(best, DISCLOSURE_STAGES.indexOf(s as DisclosureStage));
  return best < 0 ? null : (DISCLOSURE_STAGES[best] ?? null);
}

/** Default 公开类型 of a kind; unknown kinds are not served until a clerk decides. */
export function disclosureTypeOfKind(kind: string | null | undefined): "proactive" | "on_request" | "withheld" {
  return DOCUMENT_KINDS.find((k) => k.code === kind)?.disclosure ?? "on_request";
}
