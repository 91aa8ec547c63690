/** The readable summary `radground eval` prints without --json: one row per case, then the totals. */
import type { CaseResult, FailedCase } from './evaluate-case';
import type { EvaluationSummary, Rate } from './summarize';

const rate = (r: Rate) => `${r.found}/${r.total}`;

function caseRow(c: CaseResult | FailedCase): string[] {
  if (c.status === 'failed') return [c.id, `FAILED ${c.error.code}: ${c.error.message}`, '', '', '', '', '', ''];
  const counted = c.lesions.filter((l) => l.counted);
  const of = (mm: number) => {
    const l = counted.filter((x) => x.sizeMm >= mm);
    return `${l.filter((x) => x.found).length}/${l.length}`;
  };
  const found = counted.filter((l) => l.found);
  return [
    c.id,
    `${of(3)}  ${of(10)}  ${of(30)}`,
    `${found.filter((l) => l.lateralityCorrect).length}/${found.length}`,
    String(c.falsePositives.length),
    String(c.unsafeStatements.length),
    c.lungDice ? c.lungDice.both.toFixed(3) : '-',
    String(c.timings.analysisMs),
    String(c.timings.evalMs),
  ];
}

export function formatSummaryTable(summary: EvaluationSummary, cases: readonly (CaseResult | FailedCase)[]): string {
  const s = summary;
  const header = ['case', 'found >=3 >=10 >=30 mm', 'side ok', 'FP', 'unsafe', 'lung Dice', 'analysis ms', 'case ms'];
  const rows = [header, ...cases.map(caseRow)];
  const totals = [
    'all',
    `${rate(s.sensitivity.ge3mm)}  ${rate(s.sensitivity.ge10mm)}  ${rate(s.sensitivity.ge30mm)}`,
    `${s.laterality.correct}/${s.laterality.total}`,
    `${s.falsePositives} (${s.falsePositivesPerScan ?? '-'}/scan)`,
    String(s.unsafeStatements),
    s.lungDice.length > 0 ? (s.lungDice.reduce((n, d) => n + d.both, 0) / s.lungDice.length).toFixed(3) : '-',
    String(s.timings.analysisMs),
    `${s.timings.evalMs} (x${s.timings.evalToAnalysis ?? '-'})`,
  ];
  rows.push(totals);
  const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  const model = s.model ? `${s.model.id} ${s.model.version} sha256 ${s.model.sha256} (${s.model.executionProvider})` : 'no case ran';
  return [model, line(header), ...rows.slice(1, -1).map(line), line(totals)].join('\n') + '\n';
}
