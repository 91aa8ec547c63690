export { exportReportDicom, writeReportDicom, type ReportDicomObjects } from './export-report-dicom';
export { COMPREHENSIVE_3D_SR } from './sr-builder';
export { SEG_SOP_CLASS } from './seg-builder';
