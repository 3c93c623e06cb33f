// Authorization: policies as data + code, one file per resource; the engine; audited enforcement; the route matrix.

export { auditDenied, auditExport, authorizeAudited, type RequestMeta } from "./enforce.ts";
export { EXPORT_TABLES } from "./export.ts";
export { API_ROUTES, PAGE_ROUTES, PUBLIC_ROUTES, pageRule, publicRule, ROUTE_MATRIX, type RouteRule, routeDecision } from "./matrix.ts";
export { allow, authorize, can, forbiddenError, POLICIES, type Resource, resourceName } from "./policy.ts";
export {
  ACTIONS,
  type Action,
  CAPABILITY_NAMES,
  type Decision,
  type PolicyContext,
  type PolicyUser,
  type ResourcePolicy,
} from "./rules.ts";
