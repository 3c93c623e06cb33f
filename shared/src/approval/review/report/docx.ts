/**
 * The 审查意见书 as DOCX (docx library), laid out like an A4 公文 (GB/T 9704 margins, 黑体 headings,
 * 宋体 body). DOCX only *names* fonts: runs name 宋体 / 黑体 as East Asian fonts, which Word on a
 * Chinese system has and LibreOffice substitutes (per glyph) with an installed CJK font.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from "docx";
import type { ReviewReport } from "../types.ts";
import {
  buildReportDocument,
  pageHeaderText,
  REPORT_TITLE,
  type ReportBlock,
  type ReportDocumentOptions,
  type TableColumn,
} from "./document-model.ts";
import { fontTableXml } from "./docx-font-table.ts";

/** Font names: East Asian part first (what matters for the text), Latin part for digits and codes. */
const SONG = { eastAsia: "宋体", ascii: "Times New Roman", hAnsi: "Times New Roman", cs: "Times New Roman" };
const HEI = { eastAsia: "黑体", ascii: "Arial", hAnsi: "Arial", cs: "Arial" };

/** Sizes in half-points: 二号 22 pt title, 四号 14 pt headings, 小四 12 pt body, 五号 10.5 pt tables. */
const SIZE = { title: 44, heading: 28, subheading: 24, body: 24, table: 21, small: 18 } as const;

/** A4 in twips and 公文 margins (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; 1 mm ≈ 56.7 twips). */
const PAGE = { width: 11_906, height: 16_838, top: 2_098, bottom: 1_984, left: 1_588, right: 1_474 } as const;
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
/** Text width in pixels at 96 dpi (docx image sizes are in such pixels): twips / 1440 in · 96. */
const TEXT_WIDTH_PX = Math.floor((TEXT_WIDTH / 1440) * 96);

interface RunStyle {
  bold?: boolean;
  size?: number;
  hei?: boolean;
}

function run(text: string, style: RunStyle = {}): TextRun {
  return new TextRun({
    text,
    bold: style.bold ?? false,
    size: style.size ?? SIZE.body,
    font: style.hei ? HEI : SONG,
    language: { eastAsia: "zh-CN" },
  });
}

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

const THIN = { style: BorderStyle.SINGLE, size: 4, color: "000000" } as const;

function cell(text: string, column: TableColumn, width: number, options: { header?: boolean; total?: boolean }): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    borders: { top: THIN, bottom: THIN, left: THIN, right: THIN },
    ...(options.header ? { shading: { type: ShadingType.CLEAR, color: "auto", fill: "E7E6E6" } } : {}),
    children: [
      new Paragraph({
        alignment: options.header ? AlignmentType.CENTER : ALIGN[column.align],
        children: [run(text, { size: SIZE.table, bold: options.header === true || options.total === true, hei: options.header === true })],
      }),
    ],
  });
}

function table(block: Extract<ReportBlock, { kind: "table" }>): (Paragraph | Table)[] {
  const weight = block.columns.reduce((s, c) => s + c.weight, 0);
  const widths = block.columns.map((c) => Math.floor((TEXT_WIDTH * c.weight) / weight));
  const row = (cells: string[], options: { header?: boolean; total?: boolean }) =>
    new TableRow({
      // A header row repeats on every page the table runs onto; no row is split between pages.
      tableHeader: options.header === true,
      cantSplit: true,
      children: block.columns.map((c, i) => cell(cells[i] ?? "", c, widths[i] ?? 0, options)),
    });
  const rows = [
    row(
      block.columns.map((c) => c.header),
      { header: true },
    ),
    ...block.rows.map((r) => row(r, {})),
    ...(block.total ? [row(block.total, { total: true })] : []),
  ];
  const out: (Paragraph | Table)[] = [
    new Table({ rows, width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED }),
  ];
  out.push(
    new Paragraph({ spacing: { before: 60, after: 120 }, children: block.note ? [run(`注：${block.note}`, { size: SIZE.small })] : [] }),
  );
  return out;
}

function blockToDocx(block: ReportBlock, map: { png: Uint8Array; width: number; height: number } | null): (Paragraph | Table)[] {
  switch (block.kind) {
    case "title":
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { after: 360 },
          children: [run(block.text, { bold: true, size: SIZE.title })],
        }),
      ];
    case "fields":
      return block.rows.map(
        ([label, value]) => new Paragraph({ spacing: { after: 40 }, children: [run(`${label}：`, { hei: true }), run(value)] }),
      );
    case "heading":
      return [
        new Paragraph({
          spacing: { before: 240, after: 120 },
          keepNext: true,
          children: [run(block.text, { hei: true, size: SIZE.heading })],
        }),
      ];
    case "subheading":
      return [
        new Paragraph({
          spacing: { before: 120, after: 80 },
          keepNext: true,
          children: [run(block.text, { bold: true, size: SIZE.subheading })],
        }),
      ];
    case "paragraph":
      return [
        new Paragraph({
          indent: { firstLine: 480 },
          spacing: { after: 60, line: 360 },
          children: [run(block.text, { bold: block.emphasis === true })],
        }),
      ];
    case "table":
      return table(block);
    case "map": {
      if (!map) return [];
      const width = TEXT_WIDTH_PX;
      const height = Math.round((width * map.height) / map.width);
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          keepNext: true,
          spacing: { before: 240 },
          children: [
            new ImageRun({
              type: "png",
              data: map.png,
              transformation: { width, height },
              altText: { name: "审查示意图", title: "地块及叠加分析示意图", description: block.caption },
            }),
          ],
        }),
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(block.caption, { size: SIZE.small })] }),
      ];
    }
    case "signature":
      return block.lines.map(
        (line, i) =>
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            spacing: { before: i === 0 ? 480 : 120 },
            indent: { right: 480 },
            children: [run(line)],
          }),
      );
  }
}

export interface DocxMap {
  png: Uint8Array;
  /** Pixel size of the PNG, for the aspect ratio. */
  width: number;
  height: number;
}

/** Builds the DOCX bytes; the map PNG is passed in so this file stays free of rendering. */
export async function reviewDocx(report: ReviewReport, map: DocxMap | null, options: ReportDocumentOptions = {}): Promise<Uint8Array> {
  const blocks = buildReportDocument(report, options);
  const doc = new Document({
    creator: report.createdBy,
    title: `${REPORT_TITLE}（${report.batchNo}）`,
    description: `${report.batchName} 第 ${report.version} 版审查意见`,
    styles: { default: { document: { run: { font: SONG, size: SIZE.body } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: 851, footer: 992 },
          },
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [run(pageHeaderText(report, options), { size: SIZE.small })],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ["第 ", PageNumber.CURRENT, " 页 共 ", PageNumber.TOTAL_PAGES, " 页"],
                    size: SIZE.small,
                    font: SONG,
                  }),
                ],
              }),
            ],
          }),
        },
        children: blocks.flatMap((b) => blockToDocx(b, map)),
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc, false, [{ path: "word/fontTable.xml", data: fontTableXml() }]));
}
