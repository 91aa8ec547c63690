/**
 * dicom-parser ships a webpack UMD bundle whose named exports Node's ESM loader cannot see; the API is
 * on the default export there, and on the namespace under bundlers. This picks whichever is present.
 */
import * as dicomParserNamespace from 'dicom-parser';

type DicomParserApi = typeof dicomParserNamespace;

const candidate = dicomParserNamespace as DicomParserApi & { default?: DicomParserApi };

export const dicomParser: DicomParserApi =
  typeof candidate.parseDicom === 'function' ? candidate : (candidate.default as DicomParserApi);

export type { DataSet, Element } from 'dicom-parser';
