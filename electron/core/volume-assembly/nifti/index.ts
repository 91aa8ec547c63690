export { readNiftiVolume, parseNiftiVolume, niftiVolumeFromBuffer, type ReadNiftiOptions } from './read-nifti-volume';
