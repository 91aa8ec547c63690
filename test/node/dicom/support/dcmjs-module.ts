/**
 * dcmjs ships no type declarations; this loads it through a non-literal specifier (so no ambient module
 * declaration is needed) and types the few calls the tests and the benchmark make.
 */
export interface DcmjsDicomDict {
  dict: Record<string, unknown>;
  write(options?: Record<string, unknown>): ArrayBuffer;
}

interface Logger {
  setLevel(level: string): void;
  getLogger(name: string): Logger;
}

export interface DcmjsApi {
  log: Logger;
  data: {
    DicomDict: new (meta: Record<string, unknown>) => DcmjsDicomDict;
    DicomMessage: {
      readFile(buffer: ArrayBuffer, options?: Record<string, unknown>): { dict: Record<string, unknown>; meta: Record<string, unknown> };
    };
    DicomMetaDictionary: {
      denaturalizeDataset(dataset: Record<string, unknown>): Record<string, unknown>;
      naturalizeDataset(dict: Record<string, unknown>): Record<string, unknown>;
    };
  };
}

let pending: Promise<DcmjsApi> | null = null;

export function loadDcmjs(): Promise<DcmjsApi> {
  const specifier = 'dcmjs';
  pending ??= import(specifier).then((m: { default?: DcmjsApi } & DcmjsApi) => {
    const dcmjs = m.default ?? m;
    // dcmjs reports every private "ox" VR in real files at error level; tests check results, not its logs.
    dcmjs.log.getLogger('validation.dcmjs').setLevel('silent');
    return dcmjs;
  });
  return pending;
}
