export { PacsError, type PacsFailure } from './pacs-errors';
export { authorizationHeader, type PacsAuth, type PacsNode } from './pacs-node';
export { searchInstances, searchSeries, searchStudies, type RemoteSeries, type RemoteStudy, type StudyQuery } from './qido-search';
export { retrieveToFolder, type RetrieveOptions, type RetrieveProgress, type RetrieveTarget } from './wado-retrieve';
export { retrieveIntoIndex, retrievedFolder } from './retrieve-into-index';
export { storeInstances, type StowResult, type StoredInstance } from './stow-store';
