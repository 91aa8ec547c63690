import type { AppCore } from '../../core/app-core';
import { CliUsageError, type CliCommand } from '../cli-command';
import { withCore } from '../with-core';

export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: 'Verify signed reports: hash chains, Ed25519 signatures, linked-region evidence and the signature ledger (exit 1 on any problem)',
  usage: 'radground verify (<report-id> | --all) [--data-dir D] [--json]',
  options: { all: { type: 'boolean' } },
  async run(context) {
    const [reportId] = context.positionals;
    const all = context.options.all === true;
    if (!reportId === !all) throw new CliUsageError('give a report id or --all');
    const result = await withCore(context, async (core) => core.services.reports.verifyStored(all ? null : reportId!));
    if (context.json) {
      context.io.stdout(JSON.stringify(result) + '\n');
    } else {
      const lines = result.reports.map((r) => `${r.ok ? 'ok    ' : 'FAILED'} ${r.id}${r.notices.map((n) => `\n  ${n}`).join('')}${r.problems.map((p) => `\n  ${p.what}: ${p.message}`).join('')}`);
      lines.push(`${result.ledger.ok ? 'ok    ' : 'FAILED'} signature ledger (${result.ledger.entries} entries)${result.ledger.problems.map((p) => `\n  ${p}`).join('')}`);
      context.io.stdout(lines.join('\n') + '\n');
    }
    return result.ok ? 0 : 1;
  },
};

/** The warning `report show` and `export` print for a report that fails verification; null when it passes. */
export function verificationWarning(core: AppCore, reportId: string): { text: string; problems: string[] } | null {
  const v = core.services.reports.verify(reportId);
  if (v.ok) return null;
  const problems = v.problems.map((p) => `${p.what}: ${p.message}`);
  return { text: `WARNING: report ${reportId} FAILED verification; it may have been altered after signing. Do not rely on it.\n${problems.map((p) => `  - ${p}`).join('\n')}\n`, problems };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The exported HTML with the failed verification as a banner at the top of its body. */
export function withWarningBanner(html: string, warning: { text: string } | null): string {
  if (!warning) return html;
  const banner = `<div role="alert" data-verification="failed" style="border:3px solid #b00020;background:#fde7ea;color:#5f0010;padding:12px;margin:0 0 16px;font-weight:600;white-space:pre-wrap">${escapeHtml(warning.text.trim())}</div>`;
  const body = /<body[^>]*>/i.exec(html);
  return body ? html.slice(0, body.index + body[0].length) + banner + html.slice(body.index + body[0].length) : banner + html;
}
