/** Chinese wording of the generated notices and approvals (kept apart from the orchestration). */
import { chineseDate } from "../../approval/common.ts";
import type { PdfContent, PdfParcelRow } from "./documents.ts";

export const ha4 = (m2: number): string => (Math.round(m2) / 1e4).toFixed(4);
export const muOf = (ha: number): string => (Math.round(ha * 15 * 100) / 100).toFixed(2);

export function countyAbbrev(countyName: string): string {
  return countyName.slice(0, 1);
}

export interface DocFacts {
  batchName: string;
  countyName: string;
  villages: string[];
  parcels: PdfParcelRow[];
  totalHa: string;
  purpose: string;
}

export function villagesText(v: readonly string[]): string {
  if (v.length === 0) return "本区有关村（社区）";
  return v.length <= 6 ? v.join("、") : `${v.slice(0, 6).join("、")}等${v.length}个村（社区）`;
}

export function scopeText(f: DocFacts): string {
  return `${f.countyName}${villagesText(f.villages)}范围内，拟征收土地面积约${f.totalHa}公顷（合${muOf(Number(f.totalHa))}亩），具体以勘测定界成果为准。`;
}

export function preAnnouncementPdf(f: DocFacts, o: { noticeNo: string; publishedOn: string; periodEndOn: string; date: Date }): PdfContent {
  return {
    issuer: `成都市${f.countyName}人民政府`,
    headerSuffix: "",
    docNumber: o.noticeNo,
    title: "征收土地预公告",
    paragraphs: [
      `为了${f.purpose}，根据《中华人民共和国土地管理法》第四十七条和《中华人民共和国土地管理法实施条例》第二十六条的规定，我区拟征收下列范围内的集体土地，现将有关事项预公告如下：`,
      `一、征收范围：${scopeText(f)}`,
      `二、征收目的：${f.purpose}（${f.batchName}）。`,
      "三、土地现状调查安排：自本公告发布之日起，由区规划和自然资源局会同有关乡镇（街道）开展土地现状调查，查明土地的位置、权属、地类、面积以及地上附着物的权属、种类、数量等情况，请有关单位和个人予以配合。",
      "四、自本公告发布之日起，任何单位和个人不得在拟征收范围内抢栽抢建；违反规定抢栽抢建的，对抢栽抢建部分不予补偿。",
      `五、公告期限：${chineseDate(o.publishedOn)}至${chineseDate(o.periodEndOn)}。`,
    ],
    parcels: f.parcels,
    totalRow: { ha: f.totalHa, mu: muOf(Number(f.totalHa)) },
    signature: `成都市${f.countyName}人民政府`,
    dateZh: chineseDate(o.publishedOn),
    creationDate: o.date,
  };
}

export function compensationStandards(countyName: string, price: number): string {
  return `${countyName}征收农用地区片综合地价为每亩${price}元（含土地补偿费和安置补助费）；地上附着物和青苗补偿按成都市现行标准执行。`;
}

export function compensationPdf(
  f: DocFacts,
  o: { noticeNo: string; publishedOn: string; periodEndOn: string; registrationDeadline: string; standards: string; date: Date },
): PdfContent {
  return {
    issuer: `成都市${f.countyName}人民政府`,
    headerSuffix: "",
    docNumber: o.noticeNo,
    title: "征地补偿安置方案公告",
    paragraphs: [
      `根据《中华人民共和国土地管理法》第四十七条和《中华人民共和国土地管理法实施条例》第二十七条的规定，现将${f.batchName}征地补偿安置方案公告如下：`,
      `一、征收范围：${scopeText(f)}`,
      `二、补偿标准：${o.standards}`,
      "三、安置方式：货币安置与集中安置相结合，被征地农民可自愿选择。",
      "四、社会保障：被征地农民按规定纳入相应的养老保险等社会保障体系，社会保障费用足额纳入征地补偿安置费用。",
      `五、补偿登记：被征收土地的所有权人、使用权人应于${chineseDate(o.registrationDeadline)}前持不动产权属证明材料办理补偿登记。`,
      `六、公告期限：${chineseDate(o.publishedOn)}至${chineseDate(o.periodEndOn)}。过半数被征地的农村集体经济组织成员认为方案不符合法律、法规规定的，可在公告期内申请听证。`,
    ],
    parcels: f.parcels,
    totalRow: { ha: f.totalHa, mu: muOf(Number(f.totalHa)) },
    signature: `成都市${f.countyName}人民政府`,
    dateZh: chineseDate(o.publishedOn),
    creationDate: o.date,
  };
}

export function approvalPdf(
  f: DocFacts,
  o: { docNumber: string; title: string; issuer: string; approvedOn: string; areaHa: string; national: boolean; date: Date },
): PdfContent {
  return {
    issuer: o.issuer,
    headerSuffix: "文件",
    docNumber: o.docNumber,
    title: o.title,
    paragraphs: [
      "成都市人民政府：",
      `你市《关于${f.batchName}的请示》收悉。${o.national ? "经国务院批准" : "经研究"}，现批复如下：`,
      `一、同意将${f.countyName}${villagesText(f.villages)}的农用地${o.areaHa}公顷（合${muOf(Number(o.areaHa))}亩）转为建设用地并征收，用于${f.purpose}。`,
      "二、你市要严格按照批准的征地补偿安置方案，及时足额支付征地补偿费用，落实被征地农民社会保障费用，确保被征地农民原有生活水平不降低、长远生计有保障。",
      "三、要严格按照批准的用途和面积使用土地，节约集约用地。本批复自批准之日起两年内未实施征地补偿安置方案的，批准文件自动失效。",
    ],
    parcels: f.parcels,
    totalRow: { ha: o.areaHa, mu: muOf(Number(o.areaHa)) },
    signature: o.issuer,
    dateZh: chineseDate(o.approvedOn),
    creationDate: o.date,
  };
}
