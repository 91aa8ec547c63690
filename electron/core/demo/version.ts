/**
 * Version of the demo generator. Bump it whenever the anatomy, the noise, the geometry or the DICOM
 * encoding changes, so ensureDemoStudies() regenerates data written by an older generator.
 */
export const DEMO_GENERATOR_VERSION = 'radground-demo-1';
