/** The back-office navigation tree: seven subsystems, the database standard, system admin. */
export interface NavItem {
  key: string;
  label: string;
  href: string;
  /** One-line description shown on the subsystem landing page. */
  summary: string;
  children?: NavItem[];
}

export const ADMIN_HOME: NavItem = { key: "home", label: "工作台", href: "/admin", summary: "工作台" };

export const SUBSYSTEMS: NavItem[] = [
  {
    key: "acquisition",
    label: "征前程序",
    href: "/admin/acquisition",
    summary: "征收土地预公告、土地现状调查、社会稳定风险评估、征地补偿安置方案公告与听证、补偿登记与协议签订。",
  },
  {
    key: "quota",
    label: "计划指标",
    href: "/admin/quota",
    summary: "新增建设用地计划指标的下达、分解、使用台账与核销，指标余量预警。",
  },
  {
    key: "approval",
    label: "建设用地报批",
    href: "/admin/approval",
    summary: "用地报批材料组卷、“一书四方案”编制、审查流转、上报与批复登记。",
  },
  {
    key: "supervision",
    label: "征后实施监管",
    href: "/admin/supervision",
    summary: "征收土地公告、补偿费用支付与社保落实、交地与供地进度跟踪、批后监管预警。",
  },
  {
    key: "disclosure",
    label: "征地信息公开",
    href: "/admin/disclosure",
    summary: "征地批复、公告、补偿标准等信息的发布、审核与公开查询。",
  },
  {
    key: "evaluation",
    label: "用地审批工作评价",
    href: "/admin/evaluation",
    summary: "报批时效、材料质量、批后实施情况等指标的统计与考核评价。",
  },
  {
    key: "archive",
    label: "成果管理",
    href: "/admin/archive",
    summary: "报批成果、勘测定界成果与批文的归档、检索与调阅。",
  },
];

export const STANDARD: NavItem = {
  key: "standard",
  label: "建库标准",
  href: "/admin/standard",
  summary: "建设用地报批及征地数据库的图层、字段、代码表与质检规则。",
};

export const SYSTEM: NavItem = {
  key: "system",
  label: "系统管理",
  href: "/admin/system",
  summary: "行政区划、用户与角色、系统参数与界面组件。",
  children: [
    { key: "divisions", label: "行政区划", href: "/admin/system/divisions", summary: "行政区划代码表" },
    { key: "ui", label: "界面组件示例", href: "/admin/system/ui", summary: "通用界面组件示例" },
    { key: "users", label: "用户管理", href: "/admin/system/users", summary: "账号新增、口令与动态口令重置、停用与启用（安全管理员）" },
    {
      key: "province",
      label: "三级联网",
      href: "/admin/system/province",
      summary: "报省发件箱、发送失败（死信）告警与省厅答复（系统管理员）",
    },
    { key: "audit", label: "审计日志", href: "/admin/system/audit", summary: "审计事件查询与审计链校验（审计管理员）" },
  ],
};

export const NAV_TREE: NavItem[] = [ADMIN_HOME, ...SUBSYSTEMS, STANDARD, SYSTEM];

/** Breadcrumb trail for a pathname: 工作台 › 系统管理 › 行政区划 … */
export function breadcrumbFor(pathname: string): NavItem[] {
  const trail: NavItem[] = [ADMIN_HOME];
  if (pathname === "/admin" || pathname === "/admin/") return trail;
  const walk = (items: NavItem[]): boolean => {
    for (const item of items) {
      if (item.key === "home") continue;
      if (pathname === item.href || pathname.startsWith(`${item.href}/`)) {
        trail.push(item);
        if (item.children) walk(item.children);
        return true;
      }
    }
    return false;
  };
  walk(NAV_TREE);
  return trail;
}

export function findNav(key: string): NavItem | undefined {
  const all = [...SUBSYSTEMS, STANDARD, SYSTEM, ...(SYSTEM.children ?? [])];
  return all.find((i) => i.key === key);
}

/**
 * The navigation a user may see: items whose page the policy allows (`allowedHrefs`, computed on
 * the server from the route matrix). A parent stays when it or one of its children is allowed.
 */
export function visibleNav(items: NavItem[], allowedHrefs: ReadonlySet<string>): NavItem[] {
  const out: NavItem[] = [];
  for (const item of items) {
    const children = item.children ? visibleNav(item.children, allowedHrefs) : undefined;
    if (!allowedHrefs.has(item.href) && !children?.length) continue;
    out.push(children ? { ...item, children } : { ...item });
  }
  return out;
}
