/**
 * Escaping for the text renderers. User content (identifiers, comments, policy text, SQL) is
 * data: in Markdown it must not open HTML, break a table or start formatting; in XML it must be
 * well-formed.
 */

/**
 * GitHub turns `https://…`, `www.…` and `a@b.c` into links even without `<…>` (extended
 * autolinks): in a name or a comment that would make user content a link. A backslash before
 * the `:`, the `.` or the `@` (any ASCII punctuation may be escaped) renders the same text, unlinked.
 */
export function escapeAutolinks(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*):\/\//gi, '$1\\://').replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\\.`).replace(/@/g, '\\@');
}

/** One Markdown table cell: no newlines, pipes escaped, HTML-significant characters as entities, no autolinks. */
export function mdCell(text: string | number | null | undefined): string {
  if (text === null || text === undefined || text === '') return '';
  return escapeAutolinks(String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/([\\`*_[\]])/g, (m) => (m === '\\' ? '\\\\' : `\\${m}`))
    .replace(/\r?\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim());
}

/** Inline code in a Markdown table cell (SQL, definitions): backticks and pipes neutralised. */
export function mdCode(text: string | null | undefined, max = 160): string {
  if (text === null || text === undefined || text === '') return '';
  let t = String(text).replace(/\s+/g, ' ').trim();
  if (t.length > max) t = `${t.slice(0, max - 1)}…`;
  // Inside a code span nothing is formatted; a pipe still ends a table cell, and a backtick
  // would end the span, so both are replaced by look-alikes that cannot be misread.
  return '`' + t.replace(/`/g, 'ˋ').replace(/\|/g, '¦') + '`';
}

/** XML text/attribute content; characters XML 1.0 forbids are dropped. */
export function xml(text: string | number | null | undefined): string {
  return String(text ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function mdTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}
