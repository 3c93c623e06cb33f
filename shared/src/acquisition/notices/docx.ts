/**
 * The 征收土地预公告 and 征地补偿安置方案公告 as DOCX (docx library, A4 公文 layout like the 审查意见书):
 * title, 文号, the notice's paragraphs from the batch's data, the 征收范围 table (地块, 村, 地类,
 * 公顷, 亩) and the map PNG. Pure: the caller passes the data and the PNG.
 */
import { AlignmentType, BorderStyle, Document, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import { chineseDate } from "../../approval/common.ts";
import { landClass } from "../../standard/codes/index.ts";
import { M2_PER_MU } from "../personal-data.ts";
import type { NoticeData } from "./repository.ts";

const SONG = { eastAsia: "宋体", ascii: "Times New Roman", hAnsi: "Times New Roman", cs: "Times New Roman" };
const HEI = { eastAsia: "黑体", ascii: "Arial", hAnsi: "Arial", cs: "Arial" };
const FANGSONG = { eastAsia: "仿宋", ascii: "Times New Roman", hAnsi: "Times New Roman", cs: "Times New Roman" };
const PAGE = { width: 11_906, height: 16_838, top: 2_098, bottom: 1_984, left: 1_588, right: 1_474 } as const;
const TEXT_WIDTH_PX = Math.floor(((PAGE.width - PAGE.left - PAGE.right) / 1440) * 96);

export type NoticeKind = "pre_announcement" | "compensation_notice";

export interface NoticeMap {
  png: Uint8Array;
  width: number;
  height: number;
}

const para = (
  text: string,
  opts: { bold?: boolean; center?: boolean; right?: boolean; size?: number; hei?: boolean; indent?: boolean } = {},
) =>
  new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : opts.right ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED,
    spacing: { line: 560, lineRule: "exact" },
    ...(opts.indent === false ? {} : opts.center || opts.right ? {} : { indent: { firstLine: 640 } }),
    children: [new TextRun({ text, bold: opts.bold ?? false, size: opts.size ?? 32, font: opts.hei ? HEI : FANGSONG })],
  });

const cell = (text: string, header = false) =>
  new TableCell({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text, size: 21, bold: header, font: header ? HEI : SONG })],
      }),
    ],
  });

const ha = (m2: number) => (m2 / 10_000).toFixed(4);
const mu = (m2: number) => (m2 / M2_PER_MU).toFixed(2);

/** Rows of the 征收范围 table and its total line. */
export function scopeRows(data: NoticeData): string[][] {
  const rows = data.parcels.map((p) => {
    const main = p.classes[0];
    const cls = main ? (landClass(main.dlbm)?.name ?? main.dlbm) : "—";
    return [p.parcelNo, p.villages || "—", cls, ha(p.planeAreaM2), mu(p.planeAreaM2)];
  });
  const total = data.parcels.reduce((s, p) => s + p.planeAreaM2, 0);
  return [...rows, ["合计", "", "", ha(total), mu(total)]];
}

function scopeTable(data: NoticeData): Table {
  const header = ["地块编号", "所在村（社区）", "主要地类", "面积（公顷）", "面积（亩）"];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: {
      top: { style: BorderStyle.SINGLE, size: 4, color: "000000" },
      bottom: { style: BorderStyle.SINGLE, size: 4, color: "000000" },
      left: { style: BorderStyle.SINGLE, size: 4, color: "000000" },
      right: { style: BorderStyle.SINGLE, size: 4, color: "000000" },
      insideHorizontal: { style: BorderStyle.SINGLE, size: 4, color: "000000" },
      insideVertical: { style: BorderStyle.SINGLE, size: 4, color: "000000" },
    },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...scopeRows(data).map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
    ],
  });
}

function body(kind: NoticeKind, data: NoticeData): { title: string; docNo: string | null; date: string; paragraphs: string[] } {
  const gov = `${data.batch.divisionName}人民政府`;
  const totalM2 = data.parcels.reduce((s, p) => s + p.planeAreaM2, 0);
  const area = data.parcels.length ? `${ha(totalM2)}公顷（合${mu(totalM2)}亩）` : "以勘测定界成果为准";
  if (kind === "pre_announcement") {
    const pre = data.pre;
    if (!pre) throw new Error("no pre-announcement");
    return {
      title: `${gov}\n征收土地预公告`,
      docNo: pre.noticeNo,
      date: pre.publishedOn,
      paragraphs: [
        `因${pre.purpose}需要，${gov}拟征收${data.batch.name}范围内的农民集体所有土地。根据《中华人民共和国土地管理法》第四十七条和《中华人民共和国土地管理法实施条例》第二十六条的规定，现将有关事项预公告如下：`,
        `一、征收目的：${pre.purpose}。`,
        `二、征收范围：${pre.scope}，拟征收土地面积${area}，具体范围见附表和附图。`,
        "三、土地现状调查安排：自本预公告发布之日起，由有关部门对拟征收土地的位置、权属、地类、面积以及农村村民住宅、其他地上附着物和青苗等的权属、种类、数量等情况进行调查，请相关权利人予以配合。",
        `四、公告期限：${chineseDate(pre.publishedOn)}至${chineseDate(pre.periodEndOn)}（不少于十个工作日）。`,
        "五、自本预公告发布之日起，任何单位和个人不得在拟征收范围内抢栽抢建；违反规定抢栽抢建的，对抢栽抢建部分不予补偿。",
        "特此公告。",
      ],
    };
  }
  const c = data.compensation;
  if (!c) throw new Error("no compensation notice");
  return {
    title: `${gov}\n征地补偿安置方案公告${c.revision > 1 ? `（修订第${c.revision}版）` : ""}`,
    docNo: c.noticeNo,
    date: c.publishedOn,
    paragraphs: [
      `根据《中华人民共和国土地管理法》第四十七条和《中华人民共和国土地管理法实施条例》第二十七条、第二十八条的规定，${gov}拟定了${data.batch.name}征地补偿安置方案，现予公告：`,
      `一、征收范围和土地现状：拟征收土地面积${area}，涉及${[...new Set(data.parcels.flatMap((p) => (p.villages ? p.villages.split("、") : [])))].join("、") || "有关村（社区）"}，具体见附表和附图。`,
      `二、补偿方式和标准：${c.standards}`,
      `三、安置方式：${c.resettlement ?? "按有关规定执行"}。`,
      `四、社会保障：${c.socialSecurity ?? "按规定将被征地农民纳入相应的养老等社会保障体系"}。`,
      `五、补偿登记：请被征收土地的所有权人、使用权人在${chineseDate(c.registrationDeadline ?? c.periodEndOn)}前，持不动产权属证明材料办理补偿登记。`,
      `六、公告期限：${chineseDate(c.publishedOn)}至${chineseDate(c.periodEndOn)}（不少于三十日）。${c.revision > 1 ? "本方案为修改后重新公告，公告期重新计算。" : ""}`,
      `七、异议反馈：被征地的农村集体经济组织及其成员、村民委员会和其他利害关系人对本方案有异议的，${c.objectionChannel ?? "可在公告期内书面提出"}。多数被征地的农村集体经济组织成员认为本方案不符合法律、法规规定的，将依法组织听证。`,
      "特此公告。",
    ],
  };
}

export async function noticeDocx(kind: NoticeKind, data: NoticeData, map: NoticeMap | null): Promise<Uint8Array> {
  const b = body(kind, data);
  const gov = `${data.batch.divisionName}人民政府`;
  const children: (Paragraph | Table)[] = [
    ...b.title.split("\n").map((line) => para(line, { center: true, hei: true, size: 44 })),
    ...(b.docNo ? [para(b.docNo, { center: true, size: 32 })] : []),
    para("", { indent: false }),
    ...b.paragraphs.map((p) => para(p)),
    para("", { indent: false }),
    para(gov, { right: true }),
    para(chineseDate(b.date), { right: true }),
    para("附表：拟征收土地范围", { hei: true, indent: false }),
    scopeTable(data),
  ];
  if (map) {
    const width = TEXT_WIDTH_PX;
    const height = Math.round((width * map.height) / map.width);
    children.push(para("附图：拟征收土地范围示意图", { hei: true, indent: false }));
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new ImageRun({ type: "png", data: map.png, transformation: { width, height } })],
      }),
    );
  }
  const doc = new Document({
    creator: gov,
    title: `${b.title.replace("\n", "")}（${data.batch.batchNo}）`,
    styles: { default: { document: { run: { font: FANGSONG, size: 32 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
          },
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
