import { z } from "zod";
import { parseInput } from "../../approval/common.ts";
import type { Queryable } from "../../db/types.ts";
import { maskText } from "../public/mask-text.ts";
import { deleteSearchRow, loadPlaces, loadProactiveItemTexts, loadRecordForIndex, upsertSearchRow } from "./repository.ts";
import { defaultTokenizer, docKey, hanChars, type Tokenizer } from "./tokenize.ts";

export interface SyncSearchResult {
  recordId: string;
  /** indexed: the record is published and its entry is current; removed: it is not (or no longer) public. */
  action: "indexed" | "removed" | "absent";
}

// The body keeps what a hit snippet can show; OCR text beyond it still counts for matching.
const BODY_CHARS = 20_000;
const TOKEN_TEXT_CHARS = 400_000;

function summaryText(summary: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(summary)) {
    if (v === null || v === undefined || typeof v === "object") continue;
    parts.push(`${k} ${String(v)}`);
  }
  return parts.join(" ");
}

/**
 * Brings the public search index in line with one record, inside the caller's transaction: a
 * published record is (re)indexed from its title, 批准文号, places, summary and the texts of its
 * 主动公开 materials (masked); any other status removes it. Call it after every status change or
 * edit of a record (D1's publish/unpublish, C's re-harvest of a published record). The index is
 * derived from audited rows and rebuilt from them, so it is not audited itself.
 */
export async function syncSearchEntry(tx: Queryable, recordId: string, options: { tokenizer?: Tokenizer } = {}): Promise<SyncSearchResult> {
  const id = parseInput("syncSearchEntry", z.uuid(), recordId);
  const rec = await loadRecordForIndex(tx, id);
  if (rec?.status !== "published") {
    const removed = await deleteSearchRow(tx, id);
    return { recordId: id, action: removed ? "removed" : "absent" };
  }
  const tok = options.tokenizer ?? defaultTokenizer();
  const places = await loadPlaces(tx, id);
  const items = await loadProactiveItemTexts(tx, id);
  const itemText = items.map((i) => `${i.title}\n${maskText(i.text ?? "")}`).join("\n");
  const summary = maskText(summaryText(rec.summary));
  const key = rec.doc_number ? docKey(rec.doc_number) : null;

  const headText = [rec.title, rec.doc_number ?? "", rec.batch_name ?? ""].join(" ");
  const middleText = [rec.county ?? "", places.join(" "), summary, rec.publisher, rec.index_no].join(" ");
  const head = [...tok.tokens(headText), ...(key ? [key] : []), ...hanChars(`${headText} ${places.join(" ")}`)];
  const middle = tok.tokens(middleText);
  const tail = tok.tokens(itemText.slice(0, TOKEN_TEXT_CHARS));

  const body = [rec.title, rec.doc_number ?? "", places.join("、"), summary, itemText].filter(Boolean).join("\n").slice(0, BODY_CHARS);
  await upsertSearchRow(
    tx,
    {
      record_id: rec.id,
      slug: rec.slug,
      title: rec.title,
      doc_number: rec.doc_number,
      doc_key: key,
      division_code: rec.division_code,
      county: rec.county,
      approval_year: rec.approval_year,
      authority: rec.authority,
      land_use_type: rec.land_use_type,
      stage: rec.stage,
      area_ha: rec.area_ha,
      published_on: rec.published_on,
      body,
    },
    { head: head.join(" "), middle: middle.join(" "), tail: tail.join(" ") },
  );
  return { recordId: id, action: "indexed" };
}
