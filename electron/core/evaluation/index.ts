/** The evaluation harness (`radground eval`): annotated cases -> analysis + draft -> scores, stored per model version. */
export { runEvaluation, type EvaluationRun, type RunEvaluationOptions } from './run-evaluation';
export { evaluateCase, type CaseResult, type FailedCase, type LesionResult, type FindingResult, type EvaluationDeps } from './evaluate-case';
export { loadManifest, resolveManifest, ManifestSchema, type Manifest, type EvalCase, type AnnotationSpec } from './manifest';
export { summarize, type EvaluationSummary } from './summarize';
export { saveEvaluation, listEvaluations, getEvaluation, type EvaluationRecord, type EvaluationRunRow } from './evaluation-store';
export { formatSummaryTable } from './summary-table';
