/**
 * Child of the R2 crash-safety suite: creates, edits, signs and amends reports in a loop until the
 * parent kills it with SIGKILL. Prints `signed <id>` once a signing has returned (committed, head
 * file written) and `amended <id> <version>` after each addendum.
 *
 *   node --import tsx sign-crash-child.ts <db>
 */
import { writeSync } from 'node:fs';
import { createReportService } from '../../../../electron/core/reports';
import { openDatabase } from '../../../../electron/core/storage/open-database';
import { demoHeaders } from '../../reports/support/report-db';
import { demoFixture } from '../../reports/support/demo-regions';

const db = openDatabase(process.argv[2]!);
const svc = createReportService(db);
const fx = demoFixture();
const headers = demoHeaders(fx);
writeSync(1, 'ready\n');
for (let n = 0; ; n++) {
  const v = svc.createDraft(fx.exam.studyInstanceUid, { author: 'dr.resident', regions: fx.all, seriesHeaders: headers, prior: null });
  const findings = v.sections.find((s) => s.name === 'findings')!.sentences;
  svc.addSentence(v.id, 'findings', `Note ${n}: stable appearance.`);
  svc.updateSentence(findings[0]!.id, `${findings[0]!.text} Edit ${n}.`);
  svc.sign(v.id, 'dr.attending', { reason: 'crash-safety trial' });
  writeSync(1, `signed ${v.id}\n`);
  for (let a = 0; a < 2; a++) {
    const amended = svc.addAddendum(v.id, `Addendum ${a} of report ${n}.`, 'dr.attending');
    writeSync(1, `amended ${v.id} ${amended.version}\n`);
  }
}
