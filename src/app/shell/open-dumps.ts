/**
 * Opening dumps from anywhere in the page (top-bar button, a drop on the window): read the
 * files, add them as dumps (the last one active), and show its verdict. A drift decisions file
 * (the Drift view's "Download decisions", YAML or JSON) dropped or opened the same way is taken
 * as decisions, not checked as a dump, and the Drift view shows them.
 */
import { looksLikeDecisionsFile } from '../../core/drift/decisions-file';
import { readDroppedFiles, readFiles, type ReadFile } from '../sources/files';
import type { AppState } from '../state/app.svelte';

export type OpenResult = { opened: string[] } | { error: string };

function add(app: AppState, files: ReadFile[] | { error: string }): OpenResult {
  if ('error' in files) return files;
  const dumps = files.filter((f) => !looksLikeDecisionsFile(f.text));
  const decisions = files.filter((f) => looksLikeDecisionsFile(f.text));
  const problems = decisions.map((f) => app.openDecisions(f.name, f.text)).filter((m) => m.error).map((m) => m.text);
  for (const f of dumps) app.sources.addDump(f.name, f.text, 'file');
  if (dumps.length) app.router.go('compliance');
  else if (decisions.length > problems.length) app.router.go('drift');
  if (problems.length) return { error: problems.join(' ') };
  return { opened: files.map((f) => f.name) };
}

export async function openFileList(app: AppState, list: FileList | null): Promise<OpenResult> {
  return add(app, await readFiles(list));
}

export async function openDropped(app: AppState, dt: DataTransfer | null): Promise<OpenResult> {
  return add(app, await readDroppedFiles(dt));
}
