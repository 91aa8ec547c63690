import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/** Prints why each skipped test skipped, so a skip is never mistaken for a pass. */
export default class SkipReasonsReporter implements Reporter {
  private readonly skipped: string[] = [];

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return;
    const reason = test.annotations.find((a) => a.type === 'skip')?.description ?? 'no reason given';
    this.skipped.push(`  skipped: ${test.titlePath().filter(Boolean).join(' › ')}\n           reason: ${reason}`);
  }

  onEnd(_result: FullResult): void {
    if (this.skipped.length) process.stdout.write(`\nSkipped tests and why:\n${this.skipped.join('\n')}\n`);
  }
}
