import {
  publishCompensationNotice,
  publishPreAnnouncement,
  recordAgreementSigning,
  recordHearing,
  recordObjections,
  recordRiskAssessment,
  recordStatusSurvey,
} from "@land/shared";
import type { NextRequest } from "next/server";
import { attachmentStorage, authorizeBatch, errorJson, NO_STORE } from "../../../../../lib/approval.ts";
import { getLand } from "../../../../../lib/land.ts";

export const dynamic = "force-dynamic";

const MAX_EVIDENCE_BYTES = 50 * 1024 * 1024;

function text(form: FormData, name: string): string | undefined {
  const v = form.get(name);
  return typeof v === "string" && v.trim() ? v.trim() : undefined;
}
function int(form: FormData, name: string): number | undefined {
  const v = text(form, name);
  return v === undefined ? undefined : Number(v);
}
/** "0101=1234.5" per line (地类编码=平方米) → record; the use case validates codes and numbers. */
function landSummary(raw: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of (raw ?? "").split(/\r?\n/)) {
    const m = line.trim().match(/^([0-9A-Za-z]+)\s*[=＝:：]\s*([0-9.]+)$/);
    if (m?.[1] && m[2]) out[m[1]] = Number(m[2]);
  }
  return out;
}

/**
 * 征前程序 entries from the batch page, one multipart form per step (`step` field) with an optional
 * evidence file (`evidence`). Policy batch:update within scope; each use case checks the batch is in
 * 征前, the village is of its 区县, the periods on the working-day calendar, and audits.
 */
export async function POST(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  const auth = await authorizeBatch(request, id, "update");
  if (auth instanceof Response) return auth;
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return errorJson(new Error("bad form"), {
      httpStatus: 400,
      code: "VALIDATION_FAILED",
      messageZh: "请求格式错误：应为表单（multipart/form-data）",
    });
  }
  const file = form.get("evidence");
  let evidence: { fileName: string; mediaType: string; bytes: Uint8Array<ArrayBuffer> } | undefined;
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_EVIDENCE_BYTES) {
      return errorJson(new Error("too large"), { httpStatus: 413, code: "VALIDATION_FAILED", messageZh: "证明材料不得超过 50 MB" });
    }
    evidence = { fileName: file.name, mediaType: file.type || "application/octet-stream", bytes: new Uint8Array(await file.arrayBuffer()) };
  }
  const db = getLand().db;
  const base = { batchId: auth.batch.id, actor: auth.user.username };
  const withFile = { ...base, storage: attachmentStorage(), ...(evidence ? { evidence } : {}) };
  try {
    const step = text(form, "step");
    let result: unknown;
    switch (step) {
      case "pre_announcement":
        result = await publishPreAnnouncement(db, {
          ...base,
          ...(text(form, "noticeNo") ? { noticeNo: text(form, "noticeNo") } : {}),
          publishedOn: text(form, "publishedOn") ?? "",
          periodEndOn: text(form, "periodEndOn") ?? "",
          scope: text(form, "scope") ?? "",
          purpose: text(form, "purpose") ?? "",
        });
        break;
      case "status_survey":
        result = await recordStatusSurvey(db, {
          ...withFile,
          villageCode: text(form, "villageCode") ?? "",
          surveyedOn: text(form, "surveyedOn") ?? "",
          landSummary: landSummary(text(form, "landSummary")),
          ...(text(form, "ownership") ? { ownership: text(form, "ownership") } : {}),
          ...(text(form, "attachmentsOnLand") ? { attachmentsOnLand: text(form, "attachmentsOnLand") } : {}),
          ...(int(form, "population") !== undefined ? { population: int(form, "population") } : {}),
        });
        break;
      case "risk_assessment":
        result = await recordRiskAssessment(db, {
          ...withFile,
          riskLevel: (text(form, "riskLevel") ?? "") as "low",
          ...(text(form, "measures") ? { measures: text(form, "measures") } : {}),
          conclusion: text(form, "conclusion") ?? "",
          assessedOn: text(form, "assessedOn") ?? "",
        });
        break;
      case "compensation_notice":
        result = await publishCompensationNotice(db, {
          ...base,
          ...(text(form, "noticeNo") ? { noticeNo: text(form, "noticeNo") } : {}),
          publishedOn: text(form, "publishedOn") ?? "",
          periodEndOn: text(form, "periodEndOn") ?? "",
          standards: text(form, "standards") ?? "",
          ...(text(form, "resettlement") ? { resettlement: text(form, "resettlement") } : {}),
          ...(text(form, "socialSecurity") ? { socialSecurity: text(form, "socialSecurity") } : {}),
          ...(text(form, "registrationDeadline") ? { registrationDeadline: text(form, "registrationDeadline") } : {}),
          ...(text(form, "objectionChannel") ? { objectionChannel: text(form, "objectionChannel") } : {}),
        });
        break;
      case "objections":
        result = await recordObjections(db, {
          ...base,
          villageCode: text(form, "villageCode") ?? "",
          membersTotal: int(form, "membersTotal") ?? 0,
          membersObjecting: int(form, "membersObjecting") ?? 0,
          recordedOn: text(form, "recordedOn") ?? "",
        });
        break;
      case "hearing":
        result = await recordHearing(db, {
          ...withFile,
          requestedOn: text(form, "requestedOn") ?? "",
          ...(text(form, "heldOn") ? { heldOn: text(form, "heldOn") } : {}),
          ...(text(form, "outcome") ? { outcome: text(form, "outcome") } : {}),
        });
        break;
      case "agreement_signing":
        result = await recordAgreementSigning(db, {
          ...withFile,
          villageCode: text(form, "villageCode") ?? "",
          householdsTotal: int(form, "householdsTotal") ?? 0,
          householdsSigned: int(form, "householdsSigned") ?? 0,
          asOf: text(form, "asOf") ?? "",
          ...(text(form, "unsignedNote") ? { unsignedNote: text(form, "unsignedNote") } : {}),
        });
        break;
      default:
        return errorJson(new Error("unknown step"), {
          httpStatus: 400,
          code: "VALIDATION_FAILED",
          messageZh: `未知的征前程序事项：${step ?? "（空）"}`,
          location: { field: "step" },
        });
    }
    return Response.json({ step, result }, { status: 201, headers: NO_STORE });
  } catch (e) {
    return errorJson(e);
  }
}
