/** The issue list of one read: adding located issues and the final order. */
import { TXT_ISSUE_CODES } from "../txt/index.ts";
import { FMT_ISSUE_CODES, type ParcelIssue, type ParcelIssueCode } from "./types.ts";

export type IssueExtra = Pick<ParcelIssue, "parcel" | "point" | "location" | "feature">;

export interface IssueList {
  readonly issues: ParcelIssue[];
  add(code: ParcelIssueCode, line: number, messageZh: string, message: string, extra?: IssueExtra): void;
}

export function severityOf(code: ParcelIssueCode): "error" | "warning" {
  return code in FMT_ISSUE_CODES
    ? FMT_ISSUE_CODES[code as keyof typeof FMT_ISSUE_CODES].severity
    : TXT_ISSUE_CODES[code as keyof typeof TXT_ISSUE_CODES].severity;
}

export function issueList(file: string): IssueList {
  const issues: ParcelIssue[] = [];
  return {
    issues,
    add(code, line, messageZh, message, extra = {}) {
      issues.push({ severity: severityOf(code), code, messageZh, message, file, line, ...extra });
    },
  };
}

/** File-wide issues first, then by feature, then by line; insertion order otherwise (stable sort). */
export function sortIssues(issues: ParcelIssue[]): ParcelIssue[] {
  return issues.sort((a, b) => (a.feature ?? 0) - (b.feature ?? 0) || a.line - b.line);
}
