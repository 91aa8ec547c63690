/**
 * The report-text lexicon: anatomy (lungs, lobes, zones, hila, mediastinum, pleura, organs), sides,
 * finding words and their groups, negation cues, change words, normal and hedging words, size units.
 *
 * Entries are phrases of lower-case words (hyphens are read as spaces: "ground-glass" is "ground
 * glass"). One phrase can carry several roles ("bibasilar": both sides, lower zone). The parser
 * matches the longest phrase at each position.
 */

export type Side = 'left' | 'right';
export type Zone = 'upper' | 'middle' | 'lower';
export type Lobe = 'RUL' | 'RML' | 'RLL' | 'LUL' | 'LLL';
export type ChangeKind = 'new' | 'increased' | 'decreased' | 'unchanged' | 'resolved' | 'comparison';

/** Finding concepts, and the group each belongs to (compatible labels share a group). */
export const CONCEPT_GROUP = {
  nodule: 'focal',
  mass: 'focal',
  tumor: 'focal',
  metastasis: 'focal',
  granuloma: 'focal',
  lesion: 'generic',
  opacity: 'generic',
  density: 'generic',
  abnormality: 'generic',
  consolidation: 'airspace',
  'ground-glass': 'airspace',
  infiltrate: 'airspace',
  effusion: 'pleural-fluid',
  pneumothorax: 'pneumothorax',
  atelectasis: 'atelectasis',
  'volume-loss': 'volume',
  lymphadenopathy: 'node',
  emphysema: 'emphysema',
  fibrosis: 'fibrosis',
  bronchiectasis: 'bronchiectasis',
  cyst: 'cyst',
  cavity: 'cavity',
  calcification: 'calcification',
  thickening: 'thickening',
} as const;
export type Concept = keyof typeof CONCEPT_GROUP;
export type ConceptGroup = (typeof CONCEPT_GROUP)[Concept];

export interface LexEntry {
  words: string[];
  side?: Side | 'bilateral';
  zone?: Zone;
  lobe?: Lobe;
  anatomy?: string;
  concept?: Concept;
  plural?: boolean;
  /** 'pre': negates what follows in its clause; 'post': negates what precedes it. */
  negation?: 'pre' | 'post';
  /** A phrase that looks like a negation but is not one ("no change"): blocks the cue. */
  pseudo?: boolean;
  change?: ChangeKind;
  normal?: boolean;
  uncertain?: boolean;
  /** mm per unit. */
  unitMm?: number;
  /** Ends a negation's scope (and starts a new clause). */
  terminator?: boolean;
  /** Marks a following size as the prior one ("previously 6 mm"). */
  priorCue?: boolean;
  /** Marks a review prompt ("not verified by the automated analysis"): the sentence claims nothing. */
  review?: boolean;
}

const E: LexEntry[] = [];
const add = (phrases: string | string[], props: Omit<LexEntry, 'words'>): void => {
  for (const p of Array.isArray(phrases) ? phrases : [phrases]) E.push({ words: p.split(' '), ...props });
};

// Sides ("L"/"R"/"Lt"/"Rt" are read only in context, by the parser).
add(['left', 'left sided', 'sinistral'], { side: 'left' });
add(['right', 'right sided'], { side: 'right' });
add(['bilateral', 'bilaterally', 'both', 'both sides'], { side: 'bilateral' });
add(['bibasilar', 'bibasal'], { side: 'bilateral', zone: 'lower' });
add(['biapical'], { side: 'bilateral', zone: 'upper' });

// Lobes: side + zone (the lingula belongs to the left upper lobe).
const LOBE_NAMES: [Lobe, Side, Zone, string][] = [
  ['RUL', 'right', 'upper', 'right upper lobe'],
  ['RML', 'right', 'middle', 'right middle lobe'],
  ['RLL', 'right', 'lower', 'right lower lobe'],
  ['LUL', 'left', 'upper', 'left upper lobe'],
  ['LLL', 'left', 'lower', 'left lower lobe'],
];
for (const [lobe, side, zone, name] of LOBE_NAMES) {
  add([lobe.toLowerCase(), name, `${name}s`], { lobe, side, zone, anatomy: 'lobe' });
}
add(['lingula', 'lingular', 'lingular segment'], { lobe: 'LUL', side: 'left', zone: 'upper', anatomy: 'lobe' });
add(['middle lobe', 'mid lobe'], { lobe: 'RML', side: 'right', zone: 'middle', anatomy: 'lobe' });
add(['upper lobe', 'upper lobes'], { zone: 'upper', anatomy: 'lobe' });
add(['lower lobe', 'lower lobes'], { zone: 'lower', anatomy: 'lobe' });
add(['lobe', 'lobes', 'lobar'], { anatomy: 'lobe' });

// Zones.
add(['upper', 'upper zone', 'upper zones', 'apex', 'apices', 'apical'], { zone: 'upper' });
add(['mid', 'middle', 'mid zone', 'midzone', 'middle zone', 'mid zones', 'middle zones', 'midzones'], { zone: 'middle' });
add(['midlung'], { zone: 'middle', anatomy: 'lung' });
add(['lower', 'lower zone', 'lower zones', 'base', 'bases', 'basal', 'basilar'], { zone: 'lower' });

// Anatomy.
add(['lung', 'lungs', 'pulmonary', 'parenchyma', 'parenchymal', 'intrapulmonary'], { anatomy: 'lung' });
add(['hilum', 'hila', 'hilar', 'perihilar'], { anatomy: 'hilum' });
add(['mediastinum', 'mediastinal'], { anatomy: 'mediastinum' });
add(['pleura', 'pleural', 'subpleural', 'pleural based'], { anatomy: 'pleura' });
add(['heart', 'cardiac'], { anatomy: 'heart' });
add(['pericardium', 'pericardial'], { anatomy: 'pericardium' });
add(['trachea', 'tracheal'], { anatomy: 'trachea' });
add(['bronchus', 'bronchi', 'bronchial', 'main bronchus'], { anatomy: 'bronchus' });
add(['airway', 'airways'], { anatomy: 'airway' });
add(['aorta', 'aortic'], { anatomy: 'aorta' });
add(['chest wall'], { anatomy: 'chest wall' });
add(['diaphragm', 'hemidiaphragm', 'diaphragmatic'], { anatomy: 'diaphragm' });
add(['hemithorax'], { anatomy: 'hemithorax' });
add(['fissure', 'fissures', 'fissural', 'perifissural'], { anatomy: 'fissure' });
add(['liver', 'hepatic'], { anatomy: 'liver' });
add(['spleen', 'splenic'], { anatomy: 'spleen' });
add(['kidney', 'kidneys', 'renal'], { anatomy: 'kidney' });
add(['adrenal', 'adrenals'], { anatomy: 'adrenal' });
add(['thyroid'], { anatomy: 'thyroid' });
add(['oesophagus', 'esophagus', 'oesophageal', 'esophageal'], { anatomy: 'oesophagus' });
add(['spine', 'vertebra', 'vertebrae', 'vertebral'], { anatomy: 'spine' });
add(['rib', 'ribs'], { anatomy: 'rib' });
add(['breast', 'breasts'], { anatomy: 'breast' });
add(['axilla', 'axillary'], { anatomy: 'axilla' });

// Findings.
const finding = (concept: Concept, singular: string[], plural: string[] = []): void => {
  add(singular, { concept });
  add(plural, { concept, plural: true });
};
finding('nodule', ['nodule', 'nodular', 'micronodule'], ['nodules', 'micronodules']);
finding('mass', ['mass', 'mass like'], ['masses']);
finding('tumor', ['tumor', 'tumour', 'neoplasm', 'malignancy', 'carcinoma', 'cancer'], ['tumors', 'tumours', 'neoplasms']);
finding('metastasis', ['metastasis', 'metastatic deposit'], ['metastases', 'metastatic deposits']);
finding('granuloma', ['granuloma'], ['granulomas', 'granulomata']);
finding('lesion', ['lesion'], ['lesions']);
finding('opacity', ['opacity', 'opacification'], ['opacities']);
finding('density', ['density'], ['densities']);
finding('abnormality', ['abnormality'], ['abnormalities']);
finding('consolidation', ['consolidation', 'airspace disease', 'air space disease', 'pneumonia'], ['consolidations']);
finding('ground-glass', ['ground glass', 'ground glass opacity', 'groundglass'], ['ground glass opacities']);
finding('infiltrate', ['infiltrate', 'infiltration'], ['infiltrates']);
finding('effusion', ['effusion', 'pleural fluid'], ['effusions']);
finding('pneumothorax', ['pneumothorax'], ['pneumothoraces']);
finding('atelectasis', ['atelectasis', 'atelectatic', 'collapse', 'collapsed'], []);
finding('volume-loss', ['volume loss', 'loss of volume', 'volume reduction', 'reduced volume', 'reduced lung volume', 'decreased lung volume', 'lung volume loss', 'volume asymmetry', 'lung volume asymmetry', 'asymmetric lung volume', 'asymmetric lung volumes', 'hypoinflation', 'hypoinflated']);
// "Reduced right lung volume": the side sits inside the phrase, and "reduced" is not a change here.
for (const side of ['right', 'left'] as const) {
  add([`reduced ${side} lung volume`, `decreased ${side} lung volume`, `small ${side} lung volume`], { concept: 'volume-loss', side, anatomy: 'lung' });
}
finding('lymphadenopathy', ['lymphadenopathy', 'adenopathy', 'lymph node', 'node'], ['lymph nodes', 'nodes']);
finding('emphysema', ['emphysema', 'emphysematous'], []);
finding('fibrosis', ['fibrosis', 'fibrotic', 'scarring', 'scar'], ['scars']);
finding('bronchiectasis', ['bronchiectasis'], []);
finding('cyst', ['cyst', 'cystic lesion'], ['cysts']);
finding('cavity', ['cavity', 'cavitation', 'cavitary lesion'], ['cavities']);
finding('calcification', ['calcification'], ['calcifications']);
finding('thickening', ['thickening'], []);

// Negation. Pre-negation negates to the end of its clause; post-negation what precedes it.
add(['no', 'not', 'without', 'negative for', 'free of', 'absence of', 'lack of', 'nor', 'neither', 'never', 'no evidence of', 'no sign of', 'no signs of'], {
  negation: 'pre',
});
add(
  ['absent', 'not seen', 'not identified', 'not present', 'not visualized', 'not visualised', 'not demonstrated', 'not evident', 'not appreciated', 'ruled out', 'excluded'],
  { negation: 'post' },
);
add(['resolved', 'has resolved', 'have resolved'], { negation: 'post', change: 'resolved' });
add(['no longer', 'no longer seen', 'no longer visible', 'no longer present'], { negation: 'pre', change: 'resolved' });

// Pseudo-negations: look like a cue, are not one.
add(
  [
    'no change',
    'no significant change',
    'no interval change',
    'no appreciable change',
    'no significant interval change',
    'not changed',
    'without change',
    'without interval change',
    'without significant change',
    'no increase',
    'no growth',
    'no interval growth',
    'no decrease',
  ],
  { pseudo: true, change: 'unchanged' },
);
add(['not be excluded', 'not excluded', 'cannot be excluded', 'can not be excluded', 'not be ruled out', 'cannot be ruled out'], { pseudo: true, uncertain: true });
add(['not only'], { pseudo: true });

// Change and comparison words.
add(['new', 'newly', 'interval development', 'interval appearance', 'newly developed'], { change: 'new' });
add(
  ['increased', 'increasing', 'increase', 'enlarging', 'larger', 'grown', 'growing', 'growth', 'progression', 'progressed', 'progressive', 'progressing', 'worsened', 'worsening', 'interval increase'],
  { change: 'increased' },
);
add(
  ['decreased', 'decreasing', 'decrease', 'smaller', 'shrinking', 'shrunk', 'reduced', 'reduction', 'regression', 'regressed', 'regressing', 'improved', 'improving', 'improvement', 'diminished'],
  { change: 'decreased' },
);
add(['unchanged', 'stable', 'stability', 'persistent', 'persists', 'persisting', 'again seen', 'again noted', 'again demonstrated', 'redemonstrated', 're demonstrated'], {
  change: 'unchanged',
});
add(['resolving', 'resolution'], { change: 'resolved' });
add(['prior', 'previous', 'compared', 'comparison', 'interval', 'since the prior', 'since prior', 'earlier study'], { change: 'comparison' });
add(['previously', 'formerly'], { change: 'comparison', priorCue: true });
add(['was', 'from'], { priorCue: true });

// Normal statements and hedging.
add(['clear', 'normal', 'unremarkable', 'within normal limits', 'patent', 'well aerated', 'well expanded', 'normal in size'], { normal: true });
add(['possible', 'possibly', 'probable', 'probably', 'likely', 'suspected', 'suspicious', 'questionable', 'equivocal', 'may represent', 'could represent', 'concerning for'], {
  uncertain: true,
});

// Review prompts: the automated analysis names what it could not verify (drafting/lung-review.ts).
add(['not verified', 'could not be verified', 'analysis incomplete'], { review: true });

// Units and clause terminators.
add(['mm', 'millimeter', 'millimeters', 'millimetre', 'millimetres'], { unitMm: 1 });
add(['cm', 'centimeter', 'centimeters', 'centimetre', 'centimetres'], { unitMm: 10 });
add(['but', 'however', 'although', 'though', 'whereas', 'except', 'apart from', 'aside from', 'yet', 'which'], { terminator: true });

/** Phrases by first word, longest first. */
export const LEXICON: ReadonlyMap<string, readonly LexEntry[]> = (() => {
  const m = new Map<string, LexEntry[]>();
  for (const e of E) {
    const list = m.get(e.words[0]!) ?? [];
    list.push(e);
    m.set(e.words[0]!, list);
  }
  for (const list of m.values()) list.sort((a, b) => b.words.length - a.words.length);
  return m;
})();

/** Words after which a lone "L"/"R"/"Lt"/"Rt" is read as a side. */
export const SIDE_CONTEXT_WORDS: ReadonlySet<string> = new Set([
  'lung', 'lungs', 'lobe', 'upper', 'middle', 'mid', 'lower', 'hilum', 'hilar', 'base', 'basal', 'apex', 'apical',
  'pleural', 'effusion', 'hemithorax', 'side', 'sided', 'breast', 'axilla', 'axillary', 'kidney', 'adrenal', 'chest',
  'main', 'hemidiaphragm', 'ul', 'll', 'ml',
]);

/** Words that show a clause after a comma or "and"/"or" is a new statement rather than a list item. */
export const NEW_STATEMENT_WORDS: ReadonlySet<string> = new Set(['a', 'an', 'the', 'there', 'this', 'these', 'it', 'is', 'are']);

export const LOBE_SIDE_ZONE: Readonly<Record<Lobe, { side: Side; zone: Zone }>> = {
  RUL: { side: 'right', zone: 'upper' },
  RML: { side: 'right', zone: 'middle' },
  RLL: { side: 'right', zone: 'lower' },
  LUL: { side: 'left', zone: 'upper' },
  LLL: { side: 'left', zone: 'lower' },
};

export const ZONE_ORDER: Readonly<Record<Zone, number>> = { upper: 0, middle: 1, lower: 2 };

/** Airless lung: the analysis cannot tell consolidation from atelectasis, so each names the other. */
export const AIRLESS_CONCEPTS: ReadonlySet<Concept> = new Set(['consolidation', 'atelectasis']);

/** The zone as radiologists write it: "upper", "mid", "lower" (lung zone). */
export function zoneWord(zone: string | null | undefined): string | null {
  const z = normaliseZone(zone);
  return z === 'middle' ? 'mid' : z;
}

/** 'mid' -> 'middle'; unknown zone names -> null. */
export function normaliseZone(zone: string | null | undefined): Zone | null {
  if (!zone) return null;
  const z = zone.toLowerCase();
  if (z === 'upper' || z === 'middle' || z === 'lower') return z;
  if (z === 'mid') return 'middle';
  return null;
}
