/**
 * Opening dumps from anywhere in the page (top-bar button, a drop on the window): read the
 * files, add them as dumps (the last one active), and show its verdict.
 */
import { readDroppedFiles, readFiles, type ReadFile } from '../sources/files';
import type { AppState } from '../state/app.svelte';

export type OpenResult = { opened: string[] } | { error: string };

function add(app: AppState, files: ReadFile[] | { error: string }): OpenResult {
  if ('error' in files) return files;
  for (const f of files) app.sources.addDump(f.name, f.text, 'file');
  if (files.length) app.router.go('compliance');
  return { opened: files.map((f) => f.name) };
}

export async function openFileList(app: AppState, list: FileList | null): Promise<OpenResult> {
  return add(app, await readFiles(list));
}

export async function openDropped(app: AppState, dt: DataTransfer | null): Promise<OpenResult> {
  return add(app, await readDroppedFiles(dt));
}
