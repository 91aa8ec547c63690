/**
 * Child process of the crash test: edits a report sentence by sentence through the report service
 * (each edit its own transaction), reports each saved edit on stdout, then kills itself with
 * SIGKILL: between edits, in the middle of an uncommitted raw write, or inside an edit (a temporary
 * trigger calls a function that kills the process while the edit writes its links, after it has
 * updated the sentence text and before its audit row).
 *
 *   node --import tsx crash-child.ts <db> <reportId> <sentenceId> <edits> <between|mid-transaction|mid-edit>
 */
import { writeSync } from 'node:fs';
import { createReportService } from '../../../../electron/core/reports';
import { openDatabase } from '../../../../electron/core/storage/open-database';
import { testEnv } from './report-db';

const [dbPath, reportId, sentenceId, editsArg, mode] = process.argv.slice(2);
const edits = Number(editsArg);
const db = openDatabase(dbPath!);
const svc = createReportService(db, { env: testEnv(`child-${process.pid}`) });

for (let i = 0; i < edits; i++) {
  const added = svc.addSentence(reportId!, 'findings', `Typed note ${i}: ${4 + (i % 5)} mm nodule in the right middle lobe.`);
  writeSync(1, `added ${added.sentence.id} ${added.sentence.text}\n`);
  const text = `The 8 mm nodule in the right lower lobe, edit ${i}.`;
  svc.updateSentence(sentenceId!, text);
  writeSync(1, `updated ${sentenceId} ${text}\n`);
}

if (mode === 'mid-transaction') {
  // A write that never commits: it must leave no trace.
  db.prepare('BEGIN IMMEDIATE').run();
  db.prepare("UPDATE report_sentences SET text = 'UNCOMMITTED' WHERE uid = ?").run(sentenceId);
  writeSync(1, 'in-transaction\n');
}
if (mode === 'mid-edit') {
  db.function('crash_now', () => {
    writeSync(1, 'crashing inside the edit\n');
    process.kill(process.pid, 'SIGKILL');
    return 0;
  });
  db.exec('CREATE TEMP TRIGGER crash_in_edit AFTER INSERT ON main.sentence_regions BEGIN SELECT crash_now(); END');
  svc.updateSentence(sentenceId!, 'The 8 mm nodule in the right lower lobe, LOST EDIT.');
  writeSync(1, 'edit returned (should not happen)\n');
}
process.kill(process.pid, 'SIGKILL');
