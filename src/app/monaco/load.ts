/**
 * Monaco, bundled and loaded lazily (dynamic import): the first page stays small and nothing
 * comes from a CDN. Only the editor core, the features we use and the SQL + YAML grammars are
 * pulled in; its one worker is the bundled `editor.worker` (`?worker`), so no loader script
 * and no off-origin request.
 */
import type * as MonacoApi from 'monaco-editor/editor/editor.api';

export type Monaco = typeof MonacoApi;

let loading: Promise<Monaco> | null = null;

export function loadMonaco(): Promise<Monaco> {
  loading ??= (async () => {
    const [api, worker] = await Promise.all([
      import('monaco-editor/editor/editor.api'),
      import('monaco-editor/editor/editor.worker?worker'),
      import('monaco-editor/features/codicon/register'),
      import('monaco-editor/features/find/register'),
      import('monaco-editor/features/folding/register'),
      import('monaco-editor/features/bracketMatching/register'),
      import('monaco-editor/features/clipboard/register'),
      import('monaco-editor/features/comment/register'),
      import('monaco-editor/features/contextmenu/register'),
      import('monaco-editor/features/cursorUndo/register'),
      import('monaco-editor/features/diffEditor/register'),
      import('monaco-editor/features/gotoLine/register'),
      import('monaco-editor/features/gotoError/register'),
      import('monaco-editor/features/hover/register'),
      import('monaco-editor/features/linesOperations/register'),
      import('monaco-editor/features/multicursor/register'),
      import('monaco-editor/features/wordHighlighter/register'),
      import('monaco-editor/languages/definitions/pgsql/register'),
      import('monaco-editor/languages/definitions/yaml/register'),
    ]);
    defineThemes(api);
    const Worker = worker.default;
    (self as unknown as { MonacoEnvironment: MonacoApi.Environment }).MonacoEnvironment = { getWorker: () => new Worker() };
    return api;
  })();
  return loading;
}

/**
 * Monaco's built-in themes colour some SQL tokens below WCAG AA contrast (strings #ff0000 and
 * operators #778899 on white; comments #608b4e and strings on #1e1e1e): ours inherit them with
 * those tokens darkened / lightened to at least 4.5:1 on the editor background.
 */
function defineThemes(api: Monaco) {
  api.editor.defineTheme('skeldir-light', {
    base: 'vs', inherit: true, colors: {},
    rules: [
      { token: 'string.sql', foreground: 'a31515' }, { token: 'string', foreground: 'a31515' },
      { token: 'operator.sql', foreground: '4f5b66' }, { token: 'predefined.sql', foreground: '8b008b' },
      { token: 'comment', foreground: '2f6f2f' }, { token: 'number', foreground: '0b6e4f' },
    ],
  });
  api.editor.defineTheme('skeldir-dark', {
    base: 'vs-dark', inherit: true, colors: {},
    rules: [
      { token: 'comment', foreground: '8fbf7a' }, { token: 'string.sql', foreground: 'f28b82' }, { token: 'string', foreground: 'f28b82' },
      { token: 'operator.sql', foreground: 'b0bac4' }, { token: 'predefined.sql', foreground: 'e29ae2' },
    ],
  });
}

/** Monaco's theme for the app theme. */
export const monacoTheme = (dark: boolean) => (dark ? 'skeldir-dark' : 'skeldir-light');
