import { describe, expect, it } from "vitest";
import {
  APPROVAL_AUTHORITIES,
  BATCH_STATES,
  baseLandClassCode,
  CODE_TABLES,
  codeTable,
  DISCLOSURE_TYPES,
  DOCUMENT_KINDS,
  GB_LAND_CLASSES,
  isValidLandClass,
  LAND_CLASS_CODE_PATTERN,
  LAND_CLASSES,
  landClass,
  type MajorClass,
  majorClassOf,
  OWNERSHIP_KINDS,
  QUOTA_KINDS,
  QUOTA_MOVEMENT_KINDS,
  SURVEY_LAND_CLASSES,
} from "./index.ts";

const HAN = /\p{Script=Han}/u;

describe("code table registry", () => {
  it("lists every table once", () => {
    expect(CODE_TABLES.map((t) => t.id)).toEqual([
      "landClass",
      "landUseType",
      "approvalAuthority",
      "disclosureType",
      "classification",
      "documentKind",
      "batchState",
      "returnReason",
      "quotaMovementKind",
      "quotaKind",
      "ownershipKind",
      "controlLineKind",
    ]);
    expect(codeTable("landClass")?.entries).toBe(LAND_CLASSES);
    expect(codeTable("nope")).toBeUndefined();
  });

  for (const table of CODE_TABLES) {
    describe(table.id, () => {
      it("has metadata", () => {
        expect(table.nameZh).toMatch(HAN);
        expect(table.source.length).toBeGreaterThan(0);
        expect(table.entries.length).toBeGreaterThan(0);
      });

      it("has unique, well-formed codes", () => {
        const codes = table.entries.map((e) => e.code);
        expect(new Set(codes).size).toBe(codes.length);
        const pattern = new RegExp(table.codePattern);
        for (const code of codes) expect(code, `${table.id} ${code}`).toMatch(pattern);
      });

      it("has non-empty Chinese names, unique within the table", () => {
        for (const e of table.entries) {
          expect(e.name.trim(), `${table.id} ${e.code}`).toBe(e.name);
          expect(e.name, `${table.id} ${e.code}`).toMatch(HAN);
        }
        const names = table.entries.map((e) => e.name);
        expect(new Set(names).size).toBe(names.length);
      });
    });
  }
});

describe("land classes", () => {
  const gb1 = GB_LAND_CLASSES.filter((c) => c.level === 1);
  const gb2 = GB_LAND_CLASSES.filter((c) => c.level === 2);

  it("has exactly the 12 first-level and 73 second-level GB/T 21010-2017 classes", () => {
    expect(gb1.map((c) => c.code)).toEqual(["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"]);
    expect(gb2).toHaveLength(73);
    for (const c of gb2) expect(c.code).toMatch(/^\d{4}$/);
    expect(landClass("0101")?.name).toBe("水田");
    expect(landClass("1207")?.name).toBe("裸岩石砾地");
    expect(landClass("12")?.name).toBe("其他土地");
  });

  it("has the GB second-level counts per first-level class", () => {
    const counts = Object.fromEntries(gb1.map((p) => [p.code, gb2.filter((c) => c.parent === p.code).length]));
    expect(counts).toEqual({
      "01": 3,
      "02": 4,
      "03": 7,
      "04": 4,
      "05": 7,
      "06": 4,
      "07": 2,
      "08": 10,
      "09": 6,
      "10": 9,
      "11": 10,
      "12": 7,
    });
  });

  it("codes match the land-class pattern and their level", () => {
    for (const c of LAND_CLASSES) {
      expect(c.code).toMatch(LAND_CLASS_CODE_PATTERN);
      expect(c.level === 1).toBe(/^\d{2}$/.test(c.code));
      expect(c.level === 1).toBe(c.parent === null);
      expect(c.sources.length).toBeGreaterThan(0);
    }
  });

  it("every second-level class has an existing first-level parent with a matching prefix", () => {
    for (const c of LAND_CLASSES.filter((x) => x.level === 2)) {
      const parent = c.parent === null ? undefined : landClass(c.parent);
      expect(parent?.level, c.code).toBe(1);
      expect(c.code.slice(0, 2)).toBe(c.parent);
      if (c.surveyParent !== undefined) expect(landClass(c.surveyParent)?.level).toBe(1);
    }
  });

  it("contains the 三调工作分类 codes", () => {
    const survey = SURVEY_LAND_CLASSES.map((c) => c.code);
    for (const code of ["00", "05H1", "0508", "08H1", "08H2", "09", "1009", "1104A", "1107A", "1202", "1203"]) {
      expect(survey).toContain(code);
    }
    // merged/retired GB classes are not 三调 codes
    for (const code of ["0501", "0604", "0801", "0901"]) expect(survey).not.toContain(code);
    // 湿地 members
    const wetland = LAND_CLASSES.filter((c) => c.surveyParent === "00").map((c) => c.code);
    expect(wetland).toEqual(["0303", "0304", "0306", "0402", "0603", "1105", "1106", "1108"]);
    expect(landClass("02")?.surveyName).toBe("种植园用地");
  });

  it("merged 三调 codes point at existing GB classes", () => {
    for (const c of LAND_CLASSES.filter((x) => x.gbEquivalents !== undefined)) {
      for (const gb of c.gbEquivalents ?? []) {
        const target = landClass(gb);
        expect(target?.sources).toContain("GB/T 21010-2017");
        expect(target?.majorClass).toBe(c.majorClass);
      }
    }
  });

  it("maps every second-level class to a 三大类", () => {
    for (const c of LAND_CLASSES.filter((x) => x.level === 2)) {
      expect(["农用地", "建设用地", "未利用地"], c.code).toContain(c.majorClass);
      expect(majorClassOf(c.code)).toBe(c.majorClass);
    }
  });

  it("sets a first-level 三大类 exactly when all its children agree", () => {
    for (const p of LAND_CLASSES.filter((x) => x.level === 1)) {
      const children = LAND_CLASSES.filter((x) => x.parent === p.code || x.surveyParent === p.code);
      const kinds = new Set(children.map((x) => x.majorClass));
      expect(p.majorClass, p.code).toBe(kinds.size === 1 ? [...kinds][0] : null);
    }
  });

  it("maps 'K' adjustable codes to their base code", () => {
    const adjustable = LAND_CLASSES.filter((c) => c.adjustable === true);
    expect(adjustable.map((c) => c.code)).toEqual(["0201K", "0202K", "0203K", "0204K", "0301K", "0302K", "0307K", "0403K", "1104K"]);
    for (const c of adjustable) {
      expect(c.code).toMatch(/^\d{4}K$/);
      const base = landClass(baseLandClassCode(c.code));
      expect(base?.sources).toContain("三调工作分类");
      expect(majorClassOf(c.code)).toBe(base?.majorClass);
      expect(c.parent).toBe(base?.parent);
    }
    for (const c of LAND_CLASSES.filter((x) => /K$/.test(x.code))) expect(c.adjustable).toBe(true);
  });

  it("resolves the disputed classes as documented, each with a note", () => {
    const expected: Record<string, MajorClass> = {
      "1006": "农用地",
      "1103": "农用地",
      "1104": "农用地",
      "1107": "农用地",
      "1202": "农用地",
      "1203": "农用地",
      "0402": "农用地",
      "1101": "未利用地",
      "1102": "未利用地",
      "1105": "未利用地",
      "1106": "未利用地",
      "1108": "未利用地",
      "0404": "未利用地",
      "1204": "未利用地",
      "1205": "未利用地",
      "1206": "未利用地",
      "1207": "未利用地",
      "1109": "建设用地",
      "1201": "建设用地",
      "0603": "建设用地",
    };
    for (const [code, major] of Object.entries(expected)) {
      expect(majorClassOf(code), code).toBe(major);
      expect(landClass(code)?.note, code).toBeTruthy();
    }
    expect(majorClassOf("1104K")).toBe("农用地");
    expect(majorClassOf("0301K")).toBe("农用地");
    expect(majorClassOf("05H1")).toBe("建设用地");
    expect(majorClassOf("00")).toBeNull();
    expect(majorClassOf("01")).toBe("农用地");
  });

  it("validates and normalises codes", () => {
    expect(isValidLandClass("0101")).toBe(true);
    expect(isValidLandClass(" 1104k ")).toBe(true);
    expect(isValidLandClass("05h1")).toBe(true);
    expect(isValidLandClass("0101K")).toBe(false);
    expect(isValidLandClass("0199")).toBe(false);
    expect(isValidLandClass("")).toBe(false);
    expect(majorClassOf("9999")).toBeNull();
    expect(landClass("0201k")?.code).toBe("0201K");
  });
});

describe("enumerations", () => {
  it("every document kind has an existing disclosure type and a stage", () => {
    const disclosure = new Set<string>(DISCLOSURE_TYPES.map((d) => d.code));
    for (const d of DOCUMENT_KINDS) {
      expect(disclosure.has(d.disclosure), d.code).toBe(true);
      expect(["批前", "报批", "批复", "批后"]).toContain(d.stage);
    }
  });

  it("document kinds cover the required materials", () => {
    const names = DOCUMENT_KINDS.map((d) => d.name);
    for (const n of [
      "用地批文",
      "征收土地预公告",
      "征地补偿安置方案公告",
      "征收土地公告",
      "社会稳定风险评估报告",
      "土地现状调查表",
      "勘测定界报告",
      "勘测定界图",
      "土地分类面积汇总表",
      "听证材料",
      "社保审核意见",
      "补偿登记材料",
      "征地补偿安置协议",
      "实施材料",
      "供地材料",
      "备案材料",
      "用地预审与选址意见书/立项批复",
      "规划审查意见",
      "补充耕地/占补平衡材料",
      "计划指标证明",
    ]) {
      expect(names).toContain(n);
    }
    const publicNotices = ["pre_announcement", "compensation_notice", "acquisition_notice", "approval_doc"];
    for (const code of publicNotices) {
      expect(DOCUMENT_KINDS.find((d) => d.code === code)?.disclosure).toBe("proactive");
    }
  });

  it("batch states include all listed states and transitions are closed", () => {
    expect(BATCH_STATES.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        "征前",
        "组卷",
        "区县审查",
        "市审查",
        "报省",
        "省审查中",
        "已批复",
        "退件",
        "补正",
        "实施中",
        "已完成",
        "撤回",
        "失效",
      ]),
    );
    const codes = new Set<string>(BATCH_STATES.map((s) => s.code));
    for (const s of BATCH_STATES) {
      for (const n of s.next) expect(codes.has(n), `${s.code} → ${n}`).toBe(true);
      expect(s.terminal).toBe(s.next.length === 0);
    }
  });

  it("approval authorities include 国务院 and 四川省人民政府", () => {
    expect(APPROVAL_AUTHORITIES.find((a) => a.code === "GWY")?.name).toBe("国务院");
    expect(APPROVAL_AUTHORITIES.find((a) => a.code === "SZF")?.name).toBe("四川省人民政府");
  });

  it("quota tables are consistent", () => {
    expect(QUOTA_MOVEMENT_KINDS.map((k) => k.code)).toEqual(["allocate", "reserve", "consume", "transfer", "release", "adjust"]);
    const quotaCodes = new Set<string>(QUOTA_KINDS.map((k) => k.code));
    for (const k of QUOTA_KINDS) if ("parent" in k) expect(quotaCodes.has(k.parent)).toBe(true);
  });

  it("ownership kinds follow QSXZ", () => {
    expect(OWNERSHIP_KINDS.map((k) => k.code)).toEqual(["10", "20", "30", "31", "32", "33", "34", "40"]);
    for (const k of OWNERSHIP_KINDS) if ("parent" in k) expect(k.parent).toBe("30");
  });
});
