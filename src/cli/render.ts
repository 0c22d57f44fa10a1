/** The chosen format for one or several reports (several dumps: see USAGE for the shapes). */
import { toGateStatus, toJson, toJunit, toMarkdown, toSarif } from '../core/report';
import type { Report } from '../core/report/types';
import type { Format } from './args';

const ONE: Record<Format, (r: Report) => string> = { json: toJson, md: toMarkdown, sarif: toSarif, junit: toJunit, 'gate-status': toGateStatus };

export function render(reports: Report[], format: Format): string {
  if (reports.length === 1) return ONE[format](reports[0]);
  switch (format) {
    case 'json':
      return `[\n${reports.map((r) => toJson(r).trimEnd().replace(/^/gm, '  ')).join(',\n')}\n]\n`;
    case 'sarif': {
      const logs = reports.map((r) => JSON.parse(toSarif(r)) as { runs: unknown[] });
      return JSON.stringify({ ...logs[0], runs: logs.flatMap((l) => l.runs) }, null, 2) + '\n';
    }
    case 'junit': {
      const inner = reports.map((r) => {
        const dump = r.inputs.find((i) => i.role === 'dump')?.name ?? 'dump';
        const body = /<testsuites[^>]*>\n([\s\S]*)<\/testsuites>/.exec(toJunit(r))?.[1] ?? '';
        const esc = dump.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
        return body.replace(/<testsuite name="/g, `<testsuite name="${esc}: `);
      }).join('');
      const n = (re: RegExp) => (inner.match(re) ?? []).length;
      return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="skeldir-schema" tests="${n(/<testcase /g)}" failures="${n(/<failure /g)}" errors="${n(/<error /g)}">\n${inner}</testsuites>\n`;
    }
    default:
      return reports.map((r) => ONE[format](r).trimEnd()).join('\n\n---\n\n') + '\n';
  }
}
