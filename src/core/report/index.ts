export { buildReport, REPORT_VERSION, TOOL_NAME, type BuildReportArgs } from './build';
export { toJson } from './json';
export { toMarkdown } from './markdown';
export { toSarif } from './sarif';
export { toJunit } from './junit';
export { toGateStatus } from './gate-status';
export type * from './types';
