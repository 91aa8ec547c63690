// The report shapes cross the API, so they are declared once in the shared contract.
export * from '../../shared/api/channels/report-schemas';
