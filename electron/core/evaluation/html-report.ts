/** A self-contained HTML page of an evaluation: the summary, per-case results, and a key image of every miss and false positive. */
import { escapeHtml } from '../reports/exports/html-export';
import type { CaseResult, FailedCase } from './evaluate-case';
import type { CaseKeyImage } from './key-images';
import type { EvaluationSummary } from './summarize';

const CSS = `
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#111}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;font-size:.9rem}
.bad{color:#a00;font-weight:600}figure{display:inline-block;margin:.5rem;max-width:32rem}figure img{width:100%;image-rendering:pixelated}
figcaption{font-size:.85rem}`;

const pct = (r: { found: number; total: number; rate: number | null }) => `${r.found}/${r.total}${r.rate !== null ? ` (${Math.round(r.rate * 100)}%)` : ''}`;

export function evaluationHtml(input: { manifestPath: string; summary: EvaluationSummary; cases: readonly (CaseResult | FailedCase)[]; images: readonly CaseKeyImage[] }): string {
  const { summary: s } = input;
  const model = s.model ? `${s.model.id} ${s.model.version} (sha256 ${s.model.sha256.slice(0, 12)}…, ${s.model.executionProvider})` : 'none';
  const rows: string[] = [
    `<tr><th>model</th><td>${escapeHtml(model)}</td></tr>`,
    `<tr><th>sensitivity ≥ 3 / 10 / 30 mm</th><td>${pct(s.sensitivity.ge3mm)} · ${pct(s.sensitivity.ge10mm)} · ${pct(s.sensitivity.ge30mm)}</td></tr>`,
    `<tr><th>false positives per scan</th><td>${s.falsePositivesPerScan ?? '—'} (${s.falsePositives} in ${s.cases - s.failedCases.length} scans)</td></tr>`,
    `<tr><th>laterality accuracy</th><td>${s.laterality.correct}/${s.laterality.total}</td></tr>`,
    `<tr><th>unsafe statements</th><td class="${s.unsafeStatements > 0 ? 'bad' : ''}">${s.unsafeStatements}</td></tr>`,
    `<tr><th>lung Dice</th><td>${s.lungDice.map((d) => `${escapeHtml(d.caseId)}: ${d.both} (R ${d.right}, L ${d.left})`).join('; ') || '—'}</td></tr>`,
  ];
  const caseBlocks = input.cases.map((c) => {
    if (c.status === 'failed') return `<h2>${escapeHtml(c.id)}</h2><p class="bad">failed: ${escapeHtml(c.error.code)} ${escapeHtml(c.error.message)}</p>`;
    const lesionRows = c.lesions.map(
      (l) =>
        `<tr><td>${escapeHtml(l.id)}</td><td>${l.readers}${l.counted ? '' : ' (not counted)'}</td><td>${l.side}</td><td>${l.sizeMm}</td><td>${l.slices.first}–${l.slices.last} (${l.slices.count})</td>` +
        `<td class="${l.counted && !l.found ? 'bad' : ''}">${l.found ? `yes (${l.matchedBy})` : 'no'}</td><td>${l.lateralityCorrect === null ? '—' : l.lateralityCorrect ? 'yes' : '<span class="bad">no</span>'}</td>` +
        `<td>${l.matchedRegion ? escapeHtml(`${l.matchedRegion.label} ${l.matchedRegion.laterality ?? ''}`) : ''}</td></tr>`,
    );
    const figures = input.images
      .filter((i) => i.caseId === c.id)
      .map((i) => `<figure><img alt="${escapeHtml(i.caption)}" src="data:image/png;base64,${i.png.toString('base64')}"><figcaption>${escapeHtml(i.caption)} — slice index ${i.sliceIndex}</figcaption></figure>`);
    return [
      `<h2>${escapeHtml(c.id)}</h2>`,
      `<table><tr><th>lesion</th><th>readers</th><th>side</th><th>size mm</th><th>slices</th><th>found</th><th>side right</th><th>matched region</th></tr>${lesionRows.join('')}</table>`,
      `<p>False positives: ${c.falsePositives.length}; other findings: ${escapeHtml(c.otherFindings.map((f) => f.label).join(', ') || 'none')}; unsafe statements: ${c.unsafeStatements.length}` +
        `${c.lungDice ? `; lung Dice ${c.lungDice.both}` : ''}; analysis ${c.timings.analysisMs} ms, case ${c.timings.evalMs} ms.</p>`,
      ...c.unsafeStatements.map((u) => `<p class="bad">Unsafe: “${escapeHtml(u.text)}” (${escapeHtml(u.lesionIds.join(', '))})</p>`),
      figures.join(''),
    ].join('\n');
  });
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>RadGround evaluation</title>',
    `<style>${CSS}</style></head><body>`,
    `<h1>RadGround evaluation</h1><p>${escapeHtml(input.manifestPath)}</p>`,
    `<table>${rows.join('')}</table>`,
    ...caseBlocks,
    '</body></html>',
  ].join('\n');
}
