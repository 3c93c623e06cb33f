import { type CompensationRegistration, listCompensationRegistrations, type SessionUser } from "@land/shared";
import { getLand } from "../../../../../lib/land.ts";
import { applyTableQuery, type TableQuery } from "../../../../../lib/table.ts";

/**
 * Shared by the 补偿登记 page, its 显示完整信息 action and its Excel export, so all three show the
 * same columns; the page and the export always go through listCompensationRegistrations without
 * reveal, i.e. masked (maskName / maskIdNumber / maskPhone / maskBankAccount).
 */
export const REGISTRATION_COLUMNS = [
  { key: "batchNo", label: "批次编号", sortable: true, kind: "code" as const },
  { key: "villageName", label: "村（社区）", sortable: true },
  { key: "holderName", label: "权利人", sortable: true },
  { key: "idNumber", label: "身份证号", kind: "code" as const },
  { key: "phone", label: "联系电话", kind: "code" as const },
  { key: "bankAccount", label: "银行账号", kind: "code" as const },
  { key: "areaMu", label: "面积（亩）", sortable: true, kind: "number" as const },
  { key: "areaM2", label: "面积（平方米）", sortable: true, kind: "number" as const, defaultHidden: true },
  { key: "attachmentsOnLand", label: "地上附着物和青苗", defaultHidden: true },
  { key: "amountYuan", label: "补偿金额（元）", sortable: true, kind: "number" as const },
  { key: "registeredOn", label: "登记日期", sortable: true },
  { key: "classificationLabel", label: "密级", kind: "status" as const, defaultHidden: true },
  { key: "batchName", label: "批次名称", sortable: true, defaultHidden: true },
  { key: "villageCode", label: "村级代码", kind: "code" as const, defaultHidden: true },
];

export const REGISTRATION_SORTABLE = REGISTRATION_COLUMNS.filter((c) => c.sortable).map((c) => c.key);

const CLASSIFICATION_LABELS: Record<string, string> = { public: "公开", internal: "内部", sensitive: "敏感" };

export type RegistrationCell = string | number | null;
export type RegistrationTableRow = Record<string, RegistrationCell> & { id: string };

export function toTableRow(r: CompensationRegistration): RegistrationTableRow {
  return {
    id: r.id,
    batchNo: r.batchNo,
    batchName: r.batchName,
    villageCode: r.villageCode,
    villageName: r.villageName ?? r.villageCode,
    holderName: r.holderName,
    idNumber: r.idNumber,
    phone: r.phone,
    bankAccount: r.bankAccount,
    areaMu: r.areaMu,
    areaM2: r.areaM2,
    attachmentsOnLand: r.attachmentsOnLand,
    amountYuan: r.amountYuan,
    registeredOn: r.registeredOn,
    classificationLabel: CLASSIFICATION_LABELS[r.classification] ?? r.classification,
  };
}

/** A search box entry that looks like a 身份证号 is matched exactly through its keyed hash. */
export function looksLikeIdNumber(q: string): boolean {
  return /^\d{17}[\dXx]$/.test(q.replace(/\s+/g, ""));
}

/** Masked rows of the user's scope for a table query (all rows when paginate is false). */
export async function queryRegistrations(user: SessionUser, query: TableQuery, paginate = true) {
  const byId = query.q && looksLikeIdNumber(query.q) ? query.q : undefined;
  const list = await listCompensationRegistrations(getLand().db, {
    user: { username: user.username, roles: user.roles, divisionCode: user.divisionCode },
    ...(byId ? { idNumber: byId } : {}),
  });
  const rows = list.rows.map(toTableRow);
  const result = applyTableQuery(rows, byId ? { ...query, q: "" } : query, {
    matches: (r, q) =>
      [r.batchNo, r.batchName, r.villageName, r.villageCode, r.holderName].some((v) => typeof v === "string" && v.includes(q)),
    value: (r, key) => r[key] ?? null,
    paginate,
  });
  return { ...result, mayReveal: list.mayReveal };
}
