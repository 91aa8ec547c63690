/**
 * A self-contained HTML report: inline CSS, no scripts, no external resources; key images are PNG
 * data: URIs. Each linked sentence is followed by its key image (slice through the region's
 * centroid, windowed, region outlined) and a caption; checks are listed under their sentence;
 * addenda, signature and hashes close the document.
 */
import type { SqliteDatabase } from '../../storage/database-types';
import { buildReportView } from '../report-view';
import type { Check, SectionName, SentenceView } from '../schemas';
import { getReportRow } from '../store/report-rows';
import { describeRegion } from '../grounding/region-features';
import { dicomWorkers } from '../../dicom-worker/dicom-worker-pool';
import { keyImagePixelsInput } from './key-image';
import { citationText } from './key-image-citation';
import { reportHeaderRows, utcText, type HeaderRow } from './report-header';
import { sentenceKeyImages, type SentenceKeyImage, type VolumeLoader } from './sentence-key-images';
import { yieldToEventLoop } from '../../workers/yield-to-event-loop';

const SECTION_TITLES: Record<SectionName, string> = {
  indication: 'Indication',
  technique: 'Technique',
  comparison: 'Comparison',
  findings: 'Findings',
  impression: 'Impression',
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:60rem;color:#111;line-height:1.45;padding:0 1rem}
h1{font-size:1.5rem;margin-bottom:.25rem}h2{font-size:1.1rem;border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:1.6rem}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;font-size:.9rem}dl.meta dt{color:#555}dl.meta dd{margin:0;word-break:break-all}
p.sentence{margin:.4rem 0}p.empty{color:#777;font-style:italic}
sup.ref{color:#8a6d00;font-size:.7rem;margin-left:.15rem}
figure{margin:.5rem 0 1rem 0;display:inline-block;background:#000;padding:.3rem;border-radius:4px}
figure img{display:block;max-width:100%;width:384px;height:auto}
figcaption{color:#eee;font-size:.8rem;margin-top:.3rem;max-width:384px}
ul.checks{margin:.1rem 0 .6rem 1rem;padding:0;font-size:.85rem;list-style:none}
ul.checks li.error{color:#a40000}ul.checks li.warning{color:#8a5a00}ul.checks li.info{color:#245}
.status{display:inline-block;padding:.05rem .5rem;border-radius:3px;background:#eee;font-size:.8rem;text-transform:uppercase}
.status.final,.status.amended{background:#dfe}.addendum{border-left:3px solid #999;padding-left:.8rem;margin:.6rem 0}
footer{margin-top:2rem;font-size:.75rem;color:#666;word-break:break-all}
`.trim();

function checksHtml(checks: readonly Check[]): string {
  if (checks.length === 0) return '';
  return `<ul class="checks">${checks.map((c) => `<li class="${c.severity}">${escapeHtml(`${c.severity}: ${c.message}`)}</li>`).join('')}</ul>`;
}

function figureHtml(s: SentenceView, img: SentenceKeyImage | undefined, png: Buffer | undefined): string {
  if (!img) return '';
  if (!img.ok || !png) return `<p class="empty">${escapeHtml(`Key image unavailable: ${img.ok ? 'not rendered' : img.reason}.`)}</p>`;
  const primary = img.regions[0]!;
  const instance = img.volume.sopInstanceUids[img.layout.sliceIndex];
  // "series 2, image 21 (slice 44 of 64; SOP Instance …)": the image number the report cites and the viewer shows.
  const cited = citationText(img.citation);
  const position = `slice ${img.layout.sliceIndex + 1} of ${img.volume.dims[2]}`;
  const details = [cited ? position : null, instance ? `SOP Instance ${instance}` : null].filter(Boolean);
  const caption =
    `${describeRegion(primary)} — ${cited ?? position}` +
    `${details.length > 0 ? ` (${details.join('; ')})` : ''}, ${img.layout.window.name} window (C ${img.layout.window.center} / W ${img.layout.window.width}).` +
    (img.regions.length > 1 ? ` ${img.layout.boxes.length} of ${img.regions.length} linked regions on this slice.` : '');
  return (
    `<figure><img alt="${escapeHtml(`Key image: ${s.text}`)}" src="data:image/png;base64,${png.toString('base64')}">` +
    `<figcaption>${escapeHtml(caption)}</figcaption></figure>`
  );
}

function metaHtml(rows: readonly HeaderRow[]): string {
  return `<dl class="meta">${rows.map(([k, value]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>`;
}

export async function exportReportHtml(db: SqliteDatabase, reportId: string, loadVolume: VolumeLoader | null): Promise<string> {
  const report = getReportRow(db, reportId);
  const view = buildReportView(db, report);
  const images = await sentenceKeyImages(db, view, loadVolume);
  // One image at a time, rendered and compressed in a worker thread (this thread only copies the
  // slice out), with a turn of the event loop between them.
  const pngs = new Map<string, Buffer>();
  for (const [sentenceId, img] of images) {
    if (!img.ok) continue;
    await yieldToEventLoop();
    pngs.set(sentenceId, await dicomWorkers().keyImagePng(keyImagePixelsInput(img.volume, img.layout, img.regions, true)));
  }
  const header = reportHeaderRows(db, view);
  const patient = header.find(([k]) => k === 'Patient')?.[1] ?? '';
  let refNo = 0;
  const sections = view.sections
    .map((sec) => {
      const body =
        sec.sentences.length === 0
          ? '<p class="empty">—</p>'
          : sec.sentences
              .map((s) => {
                const ref = s.links.length > 0 ? `<sup class="ref">[${++refNo}]</sup>` : '';
                return `<p class="sentence" id="s-${escapeHtml(s.id)}">${escapeHtml(s.text)}${ref}</p>${checksHtml(s.checks)}${figureHtml(s, images.get(s.id), pngs.get(s.id))}`;
              })
              .join('\n');
      return `<section><h2>${SECTION_TITLES[sec.name]}</h2>\n${body}</section>`;
    })
    .join('\n');
  const addenda =
    view.addenda.length === 0
      ? ''
      : `<section><h2>Addenda</h2>${view.addenda
          .map((a) => `<div class="addendum"><p>${escapeHtml(a.text)}</p><p class="empty">${escapeHtml(`${a.author}, ${utcText(a.createdAt)} — hash ${a.hash}`)}</p></div>`)
          .join('')}</section>`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(`Radiology report — ${patient || view.studyInstanceUid}`)}</title>`,
    `<style>${CSS}</style></head><body>`,
    `<header><h1>Radiology report <span class="status ${view.status}">${escapeHtml(view.status)}</span></h1>${metaHtml(header)}</header>`,
    sections,
    addenda,
    `<footer>${escapeHtml(`Report ${view.id}. Content hash ${view.contentHash ?? '(not signed)'}${view.previousHash ? `; previous ${view.previousHash}` : ''}. Generated by RadGround; every linked sentence shows the image region it describes.`)}</footer>`,
    '</body></html>',
  ].join('\n');
}
