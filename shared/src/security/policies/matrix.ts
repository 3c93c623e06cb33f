/**
 * Every back-office route with the policy question it asks: the single source for the page and
 * API guards, the navigation, and the authorization matrix test (portal/e2e/authz.e2e.mjs), which
 * logs in as every demo role and checks each route's HTTP status against `allow()`.
 * The public 征地信息公开 routes are listed too (resource disclosure-public, open to the anonymous
 * public); /, /healthz and /api/auth/* ask no policy and are not listed.
 */
import { allow } from "./policy.ts";
import type { Action, Decision, PolicyContext, PolicyUser } from "./rules.ts";

export interface RouteRule {
  kind: "page" | "api";
  method: "GET" | "POST";
  /** Path with a query that makes a valid request (the test calls it as is). */
  path: string;
  resource: string;
  action: Action;
  context?: PolicyContext;
  labelZh: string;
  /** Request body the test sends: a small multipart file for uploads. */
  body?: "upload";
  /**
   * HTTP status of an allowed call with the test's request (default 200). Write routes answer the
   * test's empty body after the policy check: 400 VALIDATION_FAILED, or 404 for a user that does
   * not exist — proof the guard let the call through without changing anything.
   */
  allowedStatus?: number;
  /**
   * False for a page whose code is owned by work in progress elsewhere and not yet guarded:
   * listed so the navigation hides it, skipped (and reported) by the matrix test.
   */
  enforced?: boolean;
}

const BBOX = "bbox=104.0,30.6,104.02,30.62&res=0.001";
/** A well-formed id that names no row: an allowed call passes the guard and answers 404 (or 400 for an empty body). */
const PROBE_ID = "00000000-0000-4000-8000-000000000000";

/** The 征地信息公开 back-office API: each write answers the probe's empty body after the role check. */
const disclosureApi = (
  method: "GET" | "POST",
  path: string,
  action: "read" | "update" | "verify" | "transition",
  labelZh: string,
  allowedStatus: number,
): RouteRule => ({ kind: "api", method, path, resource: "disclosure", action, labelZh, allowedStatus });

export const PAGE_ROUTES: readonly RouteRule[] = [
  { kind: "page", method: "GET", path: "/admin", resource: "console", action: "open", labelZh: "工作台" },
  { kind: "page", method: "GET", path: "/admin/acquisition", resource: "batch", action: "read", labelZh: "征前程序" },
  { kind: "page", method: "GET", path: "/admin/acquisition/registrations", resource: "batch", action: "read", labelZh: "补偿登记" },
  { kind: "page", method: "GET", path: "/admin/quota", resource: "quota-dashboard", action: "read", labelZh: "计划指标" },
  { kind: "page", method: "GET", path: "/admin/quota/movements", resource: "quota-dashboard", action: "read", labelZh: "指标变动明细" },
  { kind: "page", method: "GET", path: "/admin/approval", resource: "batch", action: "read", labelZh: "建设用地报批" },
  { kind: "page", method: "GET", path: "/admin/supervision", resource: "batch", action: "read", labelZh: "征后实施监管" },
  { kind: "page", method: "GET", path: "/admin/disclosure", resource: "disclosure", action: "read", labelZh: "征地信息公开" },
  {
    kind: "page",
    method: "GET",
    path: `/admin/disclosure/records/${PROBE_ID}`,
    resource: "disclosure",
    action: "read",
    labelZh: "公开记录办理",
    allowedStatus: 404,
  },
  { kind: "page", method: "GET", path: "/admin/evaluation", resource: "batch", action: "read", labelZh: "用地审批工作评价" },
  { kind: "page", method: "GET", path: "/admin/archive", resource: "batch", action: "read", labelZh: "成果管理" },
  { kind: "page", method: "GET", path: "/admin/standard", resource: "one-map", action: "read", labelZh: "建库标准" },
  { kind: "page", method: "GET", path: "/admin/system", resource: "console", action: "open", labelZh: "系统管理" },
  { kind: "page", method: "GET", path: "/admin/system/divisions", resource: "division", action: "read", labelZh: "行政区划" },
  { kind: "page", method: "GET", path: "/admin/system/ui", resource: "system", action: "read", labelZh: "界面组件示例" },
  { kind: "page", method: "GET", path: "/admin/system/province", resource: "province-link", action: "read", labelZh: "三级联网" },
  { kind: "page", method: "GET", path: "/admin/system/audit", resource: "audit", action: "read", labelZh: "审计日志" },
  { kind: "page", method: "GET", path: "/admin/system/users", resource: "user-admin", action: "read", labelZh: "用户管理" },
];

export const API_ROUTES: readonly RouteRule[] = [
  { kind: "api", method: "GET", path: `/api/map/land_use?${BBOX}`, resource: "one-map", action: "read", labelZh: "地类图斑图层" },
  { kind: "api", method: "GET", path: `/api/map/control_line?${BBOX}`, resource: "one-map", action: "read", labelZh: "控制线图层" },
  {
    kind: "api",
    method: "GET",
    path: "/api/export/divisions",
    resource: "export",
    action: "export",
    context: { table: "divisions" },
    labelZh: "导出行政区划",
  },
  {
    kind: "api",
    method: "GET",
    path: "/api/export/compensation",
    resource: "export",
    action: "export",
    context: { table: "compensation" },
    labelZh: "导出补偿登记（脱敏）",
  },
  {
    kind: "api",
    method: "POST",
    path: "/api/upload",
    resource: "attachment-upload",
    action: "create",
    labelZh: "上传附件",
    body: "upload",
  },
  { kind: "api", method: "POST", path: "/api/batches", resource: "batch", action: "create", labelZh: "登记报批批次", allowedStatus: 400 },
  {
    kind: "api",
    method: "GET",
    path: "/api/batches/00000000-0000-4000-8000-000000000000/notices/pre_announcement",
    resource: "batch",
    action: "read",
    labelZh: "下载生成的征地公告（DOCX）",
    allowedStatus: 404,
  },
  {
    kind: "api",
    method: "GET",
    path: "/api/quota/export?table=overview",
    resource: "quota-dashboard",
    action: "export",
    labelZh: "导出计划指标",
  },
  {
    kind: "api",
    method: "GET",
    path: "/api/quota/export/movements?year=2025",
    resource: "quota-dashboard",
    action: "export",
    labelZh: "导出指标变动明细",
  },
  {
    kind: "api",
    method: "GET",
    path: "/api/quota/what-if?year=2025&division=510104&kind=new_construction&area=1",
    resource: "quota-dashboard",
    action: "read",
    labelZh: "拟报批次指标测算",
  },
  {
    kind: "api",
    method: "POST",
    path: "/api/quota/supplies",
    resource: "quota",
    action: "manage",
    labelZh: "导入供地数据",
    allowedStatus: 400,
  },
  {
    kind: "api",
    method: "GET",
    path: "/api/quota/summary?year=2025",
    resource: "quota-dashboard",
    action: "export",
    labelZh: "计划指标 PDF 汇总",
  },
  disclosureApi("POST", `/api/disclosure/records/${PROBE_ID}/confirm`, "verify", "确认公开记录", 404),
  disclosureApi("POST", `/api/disclosure/records/${PROBE_ID}/publish`, "transition", "审核发布公开记录", 404),
  disclosureApi("POST", `/api/disclosure/records/${PROBE_ID}/unpublish`, "transition", "撤回公开记录", 400),
  disclosureApi("POST", `/api/disclosure/records/${PROBE_ID}/summary`, "update", "修改公开记录摘要", 400),
  disclosureApi("POST", `/api/disclosure/records/${PROBE_ID}/supplement`, "update", "补充公开材料", 400),
  disclosureApi("POST", "/api/disclosure/findings/999999999/resolve", "update", "处理核查发现", 400),
  disclosureApi("POST", `/api/disclosure/items/${PROBE_ID}/attach`, "update", "人工归集材料", 400),
  disclosureApi("POST", `/api/disclosure/items/${PROBE_ID}/ignore`, "update", "忽略待归集材料", 400),
  disclosureApi("GET", `/api/disclosure/items/${PROBE_ID}/file`, "read", "公开材料原件", 404),
  disclosureApi("GET", `/api/disclosure/items/${PROBE_ID}/pages/1`, "read", "公开材料页面图像", 404),
  {
    kind: "api",
    method: "POST",
    path: "/api/province/outbox/999999999/requeue",
    resource: "province-link",
    action: "manage",
    labelZh: "重新投递报省死信",
    allowedStatus: 404,
  },
  { kind: "api", method: "GET", path: "/api/harvest/runs?limit=5", resource: "harvest", action: "read", labelZh: "采集运行记录" },
  {
    kind: "api",
    method: "POST",
    path: "/api/harvest/runs",
    resource: "harvest",
    action: "create",
    labelZh: "立即采集",
    allowedStatus: 400,
  },
  {
    kind: "api",
    method: "GET",
    path: "/api/harvest/runs/999999999",
    resource: "harvest",
    action: "read",
    labelZh: "采集运行进度",
    allowedStatus: 404,
  },
  {
    kind: "api",
    method: "POST",
    path: "/api/harvest/drop",
    resource: "harvest",
    action: "update",
    labelZh: "投递批次材料",
    body: "upload",
    allowedStatus: 400,
  },
  { kind: "api", method: "GET", path: "/api/audit/events?limit=5", resource: "audit", action: "read", labelZh: "审计事件" },
  { kind: "api", method: "POST", path: "/api/audit/verify", resource: "audit", action: "verify", labelZh: "校验审计链" },
  { kind: "api", method: "GET", path: "/api/users", resource: "user-admin", action: "read", labelZh: "用户列表" },
  { kind: "api", method: "POST", path: "/api/users", resource: "user-admin", action: "manage", labelZh: "新增用户", allowedStatus: 400 },
  {
    kind: "api",
    method: "POST",
    path: "/api/users/authz-probe-nobody/reset",
    resource: "user-admin",
    action: "manage",
    labelZh: "重置口令及动态口令",
    allowedStatus: 400,
  },
  {
    kind: "api",
    method: "POST",
    path: "/api/users/authz-probe-nobody/disable",
    resource: "user-admin",
    action: "manage",
    labelZh: "停用用户",
    allowedStatus: 404,
  },
  {
    kind: "api",
    method: "POST",
    path: "/api/users/authz-probe-nobody/enable",
    resource: "user-admin",
    action: "manage",
    labelZh: "启用用户",
    allowedStatus: 404,
  },
];

/** 征地信息公开 for the public. A slug or id that does not exist answers 404 after the policy let it through. */
export const PUBLIC_ROUTES: readonly RouteRule[] = [
  { kind: "page", method: "GET", path: "/search?q=%E9%83%AB%E9%83%BD", resource: "disclosure-public", action: "read", labelZh: "信息检索" },
  {
    kind: "page",
    method: "GET",
    path: "/gongkai/authz-probe-none",
    resource: "disclosure-public",
    action: "read",
    labelZh: "公开记录",
    allowedStatus: 404,
  },
  {
    kind: "page",
    method: "GET",
    path: "/gongkai/authz-probe-none/files/00000000-0000-4000-8000-000000000000",
    resource: "disclosure-public",
    action: "read",
    labelZh: "公开文件",
    allowedStatus: 404,
  },
  { kind: "page", method: "GET", path: "/sitemap.xml", resource: "disclosure-public", action: "read", labelZh: "站点地图" },
  { kind: "page", method: "GET", path: "/robots.txt", resource: "disclosure-public", action: "read", labelZh: "robots.txt" },
  {
    kind: "api",
    method: "GET",
    path: "/api/public/records?q=%E9%83%AB%E9%83%BD",
    resource: "disclosure-public",
    action: "read",
    labelZh: "公开记录检索接口",
  },
  {
    kind: "api",
    method: "GET",
    path: "/api/public/records/00000000-0000-4000-8000-000000000000",
    resource: "disclosure-public",
    action: "read",
    labelZh: "公开记录接口",
    allowedStatus: 404,
  },
];

export const ROUTE_MATRIX: readonly RouteRule[] = [...PAGE_ROUTES, ...API_ROUTES, ...PUBLIC_ROUTES];

/** The public rule for a public path (its pathname, without the query), for the public routes' guards. */
export function publicRule(pathname: string): RouteRule | undefined {
  return PUBLIC_ROUTES.find((r) => r.path.split("?")[0] === pathname);
}

/** What the policy says about one route for one user (null: anonymous). */
export function routeDecision(user: PolicyUser | null, route: RouteRule): Decision {
  return allow(user, route.action, route.resource, route.context);
}

/** The page rule for a pathname (exact match), for guards and navigation. */
export function pageRule(pathname: string): RouteRule | undefined {
  return PAGE_ROUTES.find((r) => r.path === pathname);
}
