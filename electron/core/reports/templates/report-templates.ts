/**
 * The built-in report templates (the JSON files beside this module), validated at load. To add a
 * template: write its JSON file here and list it in BUILT_IN below.
 */
import { RadGroundError } from '../../errors/radground-error';
import brainMr from './brain-mr.json';
import chestCt from './chest-ct.json';
import chestRadiograph from './chest-radiograph.json';
import generic from './generic.json';
import { ReportTemplateSchema, type ReportTemplate } from './template-schema';

const BUILT_IN: readonly unknown[] = [chestCt, chestRadiograph, brainMr, generic];

/** Validates template files; a bad one throws BAD_REQUEST naming the template and the field. */
export function parseTemplates(files: readonly unknown[]): ReportTemplate[] {
  const out: ReportTemplate[] = [];
  for (const file of files) {
    const parsed = ReportTemplateSchema.safeParse(file);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const id = (file as { id?: unknown } | null)?.id;
      throw new RadGroundError('BAD_REQUEST', `report template ${typeof id === 'string' ? `'${id}'` : '(no id)'}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    if (out.some((t) => t.id === parsed.data.id)) throw new RadGroundError('BAD_REQUEST', `report template '${parsed.data.id}' is defined twice`);
    out.push(parsed.data);
  }
  return out;
}

let cached: ReportTemplate[] | null = null;
export function builtInTemplates(): ReportTemplate[] {
  cached ??= parseTemplates(BUILT_IN);
  return cached;
}

export function templateById(id: string, templates: readonly ReportTemplate[] = builtInTemplates()): ReportTemplate {
  const t = templates.find((x) => x.id === id);
  if (!t) throw new RadGroundError('NOT_FOUND', `no report template '${id}' (known: ${templates.map((x) => x.id).join(', ')})`);
  return t;
}
