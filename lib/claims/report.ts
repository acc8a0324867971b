/**
 * The verdict report of `deno task verify`: a plain-text table for the terminal, Markdown and
 * JSON for the files.
 *
 * @module
 */

import type { Verdict } from "./check.ts";

/** The JSON document written next to the Markdown table. */
export interface VerifyReport {
  readonly kind: "rbm-landscape-verify";
  readonly schemaVersion: 1;
  readonly createdAt: string;
  /** The run the trained-model claims read, or null. */
  readonly run: string | null;
  readonly seed: number;
  /** --num-runs when given, else null (each claim's own default). */
  readonly numRuns: number | null;
  readonly verdicts: readonly Verdict[];
  /** "supported" when every verdict is supported or skipped, else "refuted"/"error". */
  readonly overall: "supported" | "refuted" | "error";
}

/** Compact number formatting for the tables (4 significant digits, NaN as "–"). */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "–" : String(x);
  if (Number.isInteger(x) && Math.abs(x) < 1e6) return String(x);
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? x.toExponential(2) : x.toPrecision(4);
}

function evidenceText(v: Verdict): string {
  return Object.entries(v.evidence).map(([k, x]) => `${k}=${formatNumber(x)}`).join(" ");
}

function controlText(v: Verdict): string {
  const all = [...(v.negativeControl ? [v.negativeControl] : []), ...v.runControls];
  const rejected = all.filter((c) => !c.accepted).length;
  return `${rejected}/${all.length} rejected`;
}

function replayText(v: Verdict): string {
  return v.replayPath !== undefined
    ? `--only ${v.id} --seed ${v.seed} --replay ${v.replayPath}`
    : "";
}

/** The overall outcome of a list of verdicts. */
export function overallStatus(verdicts: readonly Verdict[]): VerifyReport["overall"] {
  if (verdicts.some((v) => v.status === "error")) return "error";
  if (verdicts.some((v) => v.status === "refuted")) return "refuted";
  return "supported";
}

/**
 * The verdicts as a Markdown document: one table row per claim (id, statement, status, evidence,
 * controls, inputs, seed and replay) and, below, the run inputs and messages.
 *
 * @example
 * ```ts
 * import { verdictMarkdown } from "./report.ts";
 * console.assert(verdictMarkdown([]).startsWith("| id"));
 * ```
 */
export function verdictMarkdown(verdicts: readonly Verdict[]): string {
  const escape = (s: string) => s.replaceAll("|", "\\|").replaceAll("\n", " ");
  const lines = [
    "| id | statement | status | evidence | negative controls | inputs | seed | replay |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const v of verdicts) {
    const inputs = `${v.numRuns} generated, ${v.runInputs.length} from run`;
    lines.push(
      `| ${v.id} | ${escape(v.title)} | **${v.status}** | ${escape(evidenceText(v))} | ${
        controlText(v)
      } | ${inputs} | ${v.seed} | ${v.replayPath !== undefined ? `\`${replayText(v)}\`` : ""} |`,
    );
  }
  const notes: string[] = [];
  for (const v of verdicts) {
    const parts: string[] = [];
    if (v.message !== "") parts.push(v.message);
    if (v.falseAlarm) {
      parts.push(
        `false-alarm budget ${
          formatNumber(v.falseAlarm.perEvaluation)
        } per evaluation (${v.falseAlarm.calibration})`,
      );
    }
    for (const r of [...v.runInputs, ...v.runControls]) {
      const kind = v.runControls.includes(r) ? "control" : "input";
      const e = Object.entries(r.evidence).map(([k, x]) => `${k}=${formatNumber(x)}`).join(" ");
      parts.push(`${kind} ${r.label}: ${r.accepted ? "accepted" : "rejected"} (${e})`);
    }
    if (parts.length > 0) notes.push(`- **${v.id}** — ${parts.map(escape).join("; ")}`);
  }
  return [...lines, "", ...notes, ""].join("\n");
}

/**
 * The verdicts as a fixed-width terminal table (statement truncated to keep lines short).
 *
 * @example
 * ```ts
 * import { verdictTable } from "./report.ts";
 * console.assert(verdictTable([]).includes("status"));
 * ```
 */
export function verdictTable(verdicts: readonly Verdict[]): string {
  const rows = [["id", "status", "evidence", "controls", "seed", "statement / replay"]];
  for (const v of verdicts) {
    const statement = v.title.length > 70 ? v.title.slice(0, 69) + "…" : v.title;
    rows.push([
      v.id,
      v.status,
      evidenceText(v),
      controlText(v),
      String(v.seed),
      v.replayPath !== undefined ? `${statement} [replay: ${replayText(v)}]` : statement,
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) =>
    r.map((cell, c) => c === r.length - 1 ? cell : cell.padEnd(widths[c])).join("  ")
  )
    .join("\n");
}
