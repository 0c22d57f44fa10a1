/**
 * Report downloads: the very renderer functions the CLI uses (src/core/report), so the bytes
 * are the same. Loaded on demand to keep the first page small.
 */
import type { Report } from '../../core/report/types';
import { download } from './download';

export type ReportFormat = 'json' | 'md' | 'sarif' | 'gate-status';

const FILES: Record<ReportFormat, { name: string; type: string }> = {
  json: { name: 'report.json', type: 'application/json' },
  md: { name: 'report.md', type: 'text/markdown' },
  sarif: { name: 'report.sarif', type: 'application/sarif+json' },
  'gate-status': { name: 'GATE_STATUS.md', type: 'text/markdown' },
};

export async function renderReport(report: Report, format: ReportFormat): Promise<string> {
  const r = await import('../../core/report/index');
  switch (format) {
    case 'json': return r.toJson(report);
    case 'md': return r.toMarkdown(report);
    case 'sarif': return r.toSarif(report);
    case 'gate-status': return r.toGateStatus(report);
  }
}

export async function downloadReport(report: Report, format: ReportFormat): Promise<void> {
  const f = FILES[format];
  download(f.name, await renderReport(report, format), f.type);
}
