/**
 * Runs a psql script (pg_dump plain output) into a fresh database, statement by statement, the
 * way `psql -f` would with ON_ERROR_STOP off and ON_ERROR_ROLLBACK on: a failing statement is
 * recorded with where it is and why, and everything else still loads.
 *
 * Speed: runs of plain statements go to the server together (batch.ts), up to 200 per round
 * trip. A batch is one implicit transaction, so when any of its statements fails nothing of it
 * stays, and it is split in halves until each failing statement runs alone: errors, notes and
 * created roles are exactly what a one-at-a-time load gives, for a few round trips per failure
 * instead of one per statement.
 *
 * What a browser-side PGlite cannot do like a server is smoothed over and said in a note:
 * extensions PGlite does not ship are skipped, roles the dump names but the empty cluster lacks are
 * created NOLOGIN, `\connect` continues in the one database, other meta-commands are skipped.
 */
import type { Db, DbFactory } from '../db';
import { pgErrorFields } from '../db';
import type { LoadError, LoadNote, LoadSummary } from '../report/types';
import { splitScript, type CopyItem, type ScriptItem, type SqlItem } from './split';
import { errorLocation } from './position';
import { classifyStatement, extensionName, type StatementKind } from './statements';
import { quoteIdent } from '../pgtext';
import { BATCH_MAX_CHARS, BatchSize, batchable } from './batch';
import type { Activity, Stop } from '../guard/types';
import { recoveryPoint } from './recover';

export { checkUsableInput } from './input';

export interface LoadOutcome {
  /** The database the script was loaded into; the caller owns (and closes) it. */
  db: Db;
  summary: LoadSummary;
}

export interface LoadOptions {
  /** Input label used in notes, e.g. `dump: staging.sql`. */
  source: string;
  /** Which input this is, independent of its name (Activity.input): stops match it. */
  input?: string;
  signal?: AbortSignal;
  /** Called with statements done so far and the total, at most every ~50 ms and once at the end. */
  onProgress?: (done: number, total: number) => void;
  /**
   * `COPY … FROM stdin` data: `load` (the default here) or `skip`. A skipped block's COPY still
   * runs, with no rows, so its table and column list are checked; a note counts what was skipped.
   */
  copyData?: 'load' | 'skip';
  /** Told before each round trip to the server, and with null after it: the watchdog's heartbeat. */
  onActivity?: (activity: Activity | null) => void;
  /** What a watchdog stopped in an earlier attempt at this input: recorded as errors (or split), never re-run. */
  stops?: readonly Stop[];
}

/** Most roles one statement may name that we create on the fly (GRANT … TO a, b, c). */
const MAX_ROLE_RETRIES = 16;
const PROGRESS_EVERY_MS = 50;
/** A failed batch this small runs one statement at a time rather than in halves. */
const SPLIT_MIN = 3;

export async function loadScript(factory: DbFactory, text: string, opts: LoadOptions): Promise<LoadOutcome> {
  const started = Date.now();
  throwIfAborted(opts.signal);
  let items = splitScript(text);
  const countOf = (list: ScriptItem[]) => list.reduce((n, i) => n + (i.kind === 'meta' ? 0 : 1), 0);

  // Extensions are registered when a PGlite database starts, so find them before creating it
  // (also those on lines a runaway statement may swallow: registering one creates nothing).
  const wanted = new Set<string>();
  for (const s of items) {
    const name = s.kind === 'sql' ? extensionName(s.text) : null;
    if (name) wanted.add(name);
  }
  for (const name of extensionLines(text)) wanted.add(name);
  const supported = [...wanted].filter((n) => factory.supportsExtension(n));
  const skippedExtensions = new Set([...wanted].filter((n) => !factory.supportsExtension(n)));
  const db = await (supported.length ? factory.withExtensions(supported) : factory).create();

  const run = new Runner(db, opts, skippedExtensions, text);
  let total = countOf(items);
  try {
    await run.start();
    for (let i = 0; ; i++) {
      throwIfAborted(opts.signal);
      const item = items[i];
      if (item === undefined) await run.flush(total);
      else if (item.kind === 'meta') {
        await run.flush(total);
        if (!run.recovering) run.meta(item);
      } else await run.add(item, total);
      const resume = run.takeRecovery();
      if (resume !== null) {
        // A runaway statement failed: everything after it is lexed again from the anchor.
        items = splitScript(text, resume);
        total = run.processed + countOf(items);
        i = -1;
      } else if (item === undefined) break;
      run.progress(total);
    }
    await run.finish();
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  run.progress(total, true);
  return {
    db,
    summary: { statements: total, executed: run.executed, errors: run.errors, notes: run.notes(), ms: Date.now() - started },
  };
}

/** `CREATE EXTENSION [IF NOT EXISTS] name` at the start of any line. */
function extensionLines(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^create\s+extension\s+[^;\n]*/gim)) {
    const name = extensionName(m[0]);
    if (name) out.push(name);
  }
  return out;
}

/** One load's state: transaction tracking, notes, errors. */
class Runner {
  executed = 0;
  readonly errors: LoadError[] = [];
  private readonly plainNotes: LoadNote[] = [];
  /** Notes that repeat (one per kind, with a count): key → first line, message, count. */
  private readonly grouped = new Map<string, { note: LoadNote; count: number; what: string }>();
  private readonly createdRoles = new Set<string>();
  /** COPY data blocks not loaded (copyData: 'skip'): how many, their rows, the first one's line. */
  private readonly copySkipped = { blocks: 0, rows: 0, line: 0 };
  /** Inside an explicit BEGIN … COMMIT of the script. */
  private inTransaction = false;
  /** Line of the script's last BEGIN, for the note when it is never committed. */
  private beginLine = 1;
  private savepoints = 0;
  private done = 0;
  private lastProgress = 0;
  /** Plain statements waiting to go to the server together. */
  private pending: SqlItem[] = [];
  private pendingChars = 0;
  private readonly batchSize = new BatchSize();
  /**
   * The superuser the database started as. PGlite runs Postgres single-user, where RESET SESSION
   * AUTHORIZATION is a no-op, so we switch back to this role by name.
   */
  private bootUser = 'postgres';

  /** Input index where lexing must resume after a runaway statement failed (recover.ts). */
  private resumeAt: number | null = null;
  private lastMeta = -1;

  constructor(
    private readonly db: Db,
    private readonly opts: LoadOptions,
    private readonly skippedExtensions: Set<string>,
    private readonly input: string,
  ) {}

  /** Statements run so far (executed or failed). */
  get processed(): number {
    return this.done;
  }

  /** A runaway statement failed: the queued statements after it are dropped until the loop re-lexes. */
  get recovering(): boolean {
    return this.resumeAt !== null;
  }

  takeRecovery(): number | null {
    const at = this.resumeAt;
    this.resumeAt = null;
    return at;
  }

  async start(): Promise<void> {
    this.bootUser = (await this.db.query<{ u: string }>('SELECT session_user AS u')).rows[0].u;
  }

  meta(item: Extract<ScriptItem, { kind: 'meta' }>): void {
    // After a recovery the re-lexed text can hold a meta-command already seen (a trailing \unrestrict).
    if (item.offset <= this.lastMeta) return;
    this.lastMeta = item.offset;
    const cmd = item.command;
    if (cmd === 'connect' || cmd === 'c') {
      this.group('meta:connect', item.line, 'meta_command_skipped', `\\${cmd}`, `continued in the same database (the loader uses one database)`);
      return;
    }
    this.group(`meta:${cmd}`, item.line, 'meta_command_skipped', `\\${cmd}`, 'psql meta-command skipped');
  }

  /** Queues a plain statement for the next batch, or runs it alone after the queued ones. */
  async add(item: SqlItem | CopyItem, total: number): Promise<void> {
    const kind: StatementKind = item.kind === 'sql' ? classifyStatement(item.text) : { type: 'other' };
    if (item.kind === 'sql' && kind.type === 'other' && batchable(item.text) && !this.inStoppedBatch(item)) {
      if (this.pending.length >= this.batchSize.limit || (this.pending.length > 0 && this.pendingChars + item.text.length > BATCH_MAX_CHARS)) {
        await this.flush(total);
        if (this.recovering) return;
      }
      this.pending.push(item);
      this.pendingChars += item.text.length;
      return;
    }
    await this.flush(total);
    if (this.recovering) return;
    throwIfAborted(this.opts.signal);
    await this.statement(item, kind);
  }

  /**
   * Runs the queued statements as one batch; when it fails (nothing of it stays), splits it
   * (runSplit). Inside the script's own BEGIN … COMMIT a batch sits under a savepoint, as each
   * single statement would.
   */
  async flush(total: number): Promise<void> {
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    this.pendingChars = 0;
    throwIfAborted(this.opts.signal);
    if (batch.length > 1 && (await this.runBatch(batch))) {
      this.batchSize.succeeded();
      this.ranAsBatch(batch.length);
      return;
    }
    if (batch.length > 1) this.batchSize.failed();
    await this.runSplit(batch, total);
  }

  /**
   * `items` failed as one batch: runs each half as a batch, and a half that fails is split the
   * same way, down to single statements run the ordinary way (errors, role creation, notes).
   * A batch that succeeds leaves what its statements leave one at a time (batch.ts), so the
   * batches and single statements together leave what a one-at-a-time load leaves, with its
   * errors and notes in the same order. When the
   * first half succeeds whole, the failure is in the second half, which is split without being
   * tried. A pg_dump whose GRANTs name roles the cluster lacks: each missing role costs ~2·log₂
   * of the batch in round trips instead of the whole batch (the bundled sample: 163 → ~30).
   * Small runs go one by one (a batch of ≤ SPLIT_MIN statements saves nothing by splitting).
   */
  private async runSplit(items: readonly SqlItem[], total: number): Promise<void> {
    if (items.length <= SPLIT_MIN) {
      for (const item of items) {
        throwIfAborted(this.opts.signal);
        await this.statement(item, { type: 'other' });
        this.progress(total);
        if (this.recovering) return;
      }
      return;
    }
    const mid = Math.ceil(items.length / 2);
    const first = items.slice(0, mid);
    const second = items.slice(mid);
    throwIfAborted(this.opts.signal);
    if (await this.runBatch(first)) this.ranAsBatch(first.length);
    else {
      await this.runSplit(first, total);
      if (this.recovering) return;
      throwIfAborted(this.opts.signal);
      if (await this.runBatch(second)) {
        this.ranAsBatch(second.length);
        return;
      }
    }
    await this.runSplit(second, total);
  }

  private ranAsBatch(n: number): void {
    this.done += n;
    this.executed += n;
  }

  private async runBatch(batch: readonly SqlItem[]): Promise<boolean> {
    this.activity(batch[0].line, batch[batch.length - 1].endLine, true);
    try {
      return await this.runBatchNow(batch);
    } finally {
      this.opts.onActivity?.(null);
    }
  }

  private async runBatchNow(batch: readonly SqlItem[]): Promise<boolean> {
    const sql = batch.map((i) => i.text).join('\n');
    if (!this.inTransaction) {
      try {
        await this.db.exec(sql);
        return true;
      } catch {
        return false;
      }
    }
    const savepoint = `skeldir_load_${++this.savepoints}`;
    try {
      await this.db.exec(`SAVEPOINT ${savepoint};\n${sql}\nRELEASE SAVEPOINT ${savepoint};`);
      return true;
    } catch {
      await this.rollbackTo(savepoint);
      return false;
    }
  }

  private async statement(item: SqlItem | CopyItem, kind: StatementKind): Promise<void> {
    this.done++;
    const skippedExtensions = this.skippedExtensions;

    const stop = this.opts.stops?.find((s) => !s.batch && !s.probe && s.source === this.opts.source && s.input === this.opts.input && s.line === item.line);
    if (stop) {
      // A stack overflow is what a server fails with 54001 and goes on: an ordinary error. A
      // timeout or crash means the input was not fully used: `stopped` makes the verdict INCOMPLETE.
      const sqlstate = { timeout: '57014', stack: '54001', crash: 'XX000' }[stop.reason];
      const error: LoadError = { line: item.line, column: item.column, sqlstate, message: stop.message, statement: item.text };
      if (stop.reason !== 'stack') error.stopped = stop.reason;
      this.errors.push(error);
      return;
    }
    if (kind.type === 'server_config') {
      this.group(`reconfig:${kind.what}`, item.line, 'server_config_skipped', kind.what, 'skipped: it only reconfigures the server, which a schema check does not use');
      return;
    }
    if (kind.type === 'client_encoding') {
      this.group('client-encoding', item.line, 'client_encoding_kept', `client_encoding ${kind.name}`,
        'the input was decoded from this encoding when it was read; the session stays UTF8 (the engine sends UTF-8 text)');
      return;
    }
    if (kind.type === 'server_file') {
      this.group(`server-file:${kind.what}`, item.line, 'server_file_refused', kind.what,
        'refused: it would run a program or read a file on the machine running the check (psql\'s \\copy reads the client\'s files instead)');
      return;
    }
    if (item.kind === 'copy' && this.opts.copyData === 'skip') {
      this.copySkipped.blocks++;
      this.copySkipped.rows += countLines(item.data);
      this.copySkipped.line ||= item.line;
    }

    if (kind.type === 'create_extension' || kind.type === 'comment_on_extension') {
      if (skippedExtensions.has(kind.name)) {
        this.group(
          `ext-skip:${kind.name}`,
          item.line,
          'extension_skipped',
          `extension ${kind.name}`,
          `not available in PGlite; its CREATE/COMMENT statements were skipped, objects that depend on it will fail to load`,
        );
        return;
      }
    }

    const ok = await this.execute(item, kind.type === 'begin' || kind.type === 'end_transaction' || kind.type === 'savepoint');
    if (ok) {
      this.executed++;
      if (kind.type === 'create_extension') this.note(item.line, 'extension_loaded', `extension ${kind.name} loaded`);
      if (kind.type === 'begin') {
        this.inTransaction = true;
        this.beginLine = item.line;
      }
      if (kind.type === 'end_transaction') this.inTransaction = false;
    }
  }

  /**
   * Runs one statement; true when it succeeded. Retries after creating a missing role, and inside
   * the script's own transaction guards each statement with a savepoint (psql's ON_ERROR_ROLLBACK):
   * otherwise one failure would abort everything up to COMMIT with 25P02.
   */
  private async execute(item: SqlItem | CopyItem, transactionControl: boolean): Promise<boolean> {
    this.activity(item.line, item.endLine, false);
    try {
      return await this.executeNow(item, transactionControl);
    } finally {
      this.opts.onActivity?.(null);
    }
  }

  private async executeNow(item: SqlItem | CopyItem, transactionControl: boolean): Promise<boolean> {
    const data = item.kind === 'copy' && this.opts.copyData !== 'skip' ? item.data : '';
    let recoveredAbort = false;
    for (let attempt = 0; ; attempt++) {
      const guarded = this.inTransaction && !transactionControl;
      const savepoint = `skeldir_load_${++this.savepoints}`;
      if (guarded) await this.db.exec(`SAVEPOINT ${savepoint}`);
      try {
        if (item.kind === 'copy') await this.db.copyFrom(item.text, { offset: item.stdinOffset, length: item.stdinLength }, data);
        else await this.db.query(item.text, []);
        if (guarded) await this.db.exec(`RELEASE SAVEPOINT ${savepoint}`);
        return true;
      } catch (err) {
        if (guarded) await this.rollbackTo(savepoint);
        const f = pgErrorFields(err);
        const role = missingRole(f.code, f.message);
        if (role && attempt < MAX_ROLE_RETRIES && !this.createdRoles.has(role) && (await this.createRole(role, item.line))) continue;
        if (f.code === '25P02' && !recoveredAbort) {
          // A transaction we did not see begin (e.g. opened inside a DO block) is aborted: end it, retry once.
          recoveredAbort = true;
          await this.db.exec('ROLLBACK').catch(() => undefined);
          this.inTransaction = false;
          this.note(item.line, 'transaction_rolled_back', 'an aborted transaction was rolled back before this statement (psql would report 25P02 until COMMIT)');
          continue;
        }
        if (guarded) {
          this.group('tx-recover', item.line, 'transaction_statement_rolled_back', 'failed statement inside BEGIN … COMMIT',
            'rolled back to a savepoint (like psql ON_ERROR_ROLLBACK) so the rest of the transaction still loads');
        }
        this.fail(item, err);
        return false;
      }
    }
  }

  private async rollbackTo(savepoint: string): Promise<void> {
    try {
      await this.db.exec(`ROLLBACK TO SAVEPOINT ${savepoint}; RELEASE SAVEPOINT ${savepoint}`);
    } catch {
      // The statement ended the transaction itself: nothing to roll back to.
      await this.db.exec('ROLLBACK').catch(() => undefined);
      this.inTransaction = false;
    }
  }

  private async createRole(role: string, line: number): Promise<boolean> {
    try {
      // The script may have switched to a role that cannot create roles (SET ROLE / SET SESSION
      // AUTHORIZATION): create it as the bootstrap superuser, then switch back.
      const who = await this.db.query<{ s: string; c: string }>('SELECT session_user AS s, current_user AS c');
      const { s, c } = who.rows[0];
      await this.db.exec(
        `SET SESSION AUTHORIZATION ${quoteIdent(this.bootUser)}; CREATE ROLE ${quoteIdent(role)} NOLOGIN; ` +
          `SET SESSION AUTHORIZATION ${quoteIdent(s)}; ${c !== s ? `SET ROLE ${quoteIdent(c)};` : ''}`,
      );
    } catch {
      return false;
    }
    this.createdRoles.add(role);
    // Named as Postgres's own messages name a role (`role "x" does not exist`), whatever SQL quoting needs.
    this.note(line, 'role_created', `role "${role}" did not exist; created NOLOGIN`);
    return true;
  }

  private fail(item: SqlItem | CopyItem, err: unknown): void {
    const f = pgErrorFields(err);
    const where = errorLocation(item, f.position, copyLineOf(err));
    this.errors.push({ line: where.line, column: where.column, sqlstate: f.code ?? 'XX000', message: f.message, statement: item.text });
    const resume = item.kind === 'sql' ? recoveryPoint(this.input, item, f.code) : null;
    if (resume) {
      this.resumeAt = resume.offset;
      this.note(item.line, 'load_recovered',
        `the statement at line ${item.line} ran on to line ${item.endLine} (an unclosed parenthesis, quote or comment, or a missing ';' makes psql read on); ` +
        `loading resumed at line ${resume.line}, the next ${resume.anchor}`);
    }
  }

  /** End state: a normal session for introspection, whatever the script SET. */
  async finish(): Promise<void> {
    if (this.inTransaction) {
      await this.db.exec('COMMIT');
      this.note(this.beginLine, 'transaction_left_open', 'the script ended inside BEGIN without COMMIT; committed so the schema can be examined (psql would roll it back)');
    }
    await this.db.exec(`RESET ROLE; SET SESSION AUTHORIZATION ${quoteIdent(this.bootUser)}; RESET ALL;`);
  }

  private activity(line: number, endLine: number, batch: boolean): void {
    this.opts.onActivity?.({ source: this.opts.source, input: this.opts.input, line, endLine, batch });
  }

  /** Inside a batch a watchdog stopped before: each statement runs alone, so the culprit is found. */
  private inStoppedBatch(item: SqlItem): boolean {
    return !!this.opts.stops?.some((s) => s.batch && !s.probe && s.source === this.opts.source && s.input === this.opts.input && item.line >= s.line && item.line <= s.endLine);
  }

  progress(total: number, final = false): void {
    if (!this.opts.onProgress) return;
    const now = Date.now();
    if (final || now - this.lastProgress >= PROGRESS_EVERY_MS) {
      this.lastProgress = now;
      this.opts.onProgress(final ? total : this.done, total);
    }
  }

  private note(line: number, code: string, message: string): void {
    this.plainNotes.push({ line, code, message });
  }

  private group(key: string, line: number, code: string, what: string, message: string): void {
    const g = this.grouped.get(key);
    if (g) g.count++;
    else this.grouped.set(key, { note: { line, code, message }, count: 1, what });
  }

  notes(): LoadNote[] {
    const grouped = [...this.grouped.values()].map(({ note, count, what }) => ({
      ...note,
      message: `${what}: ${note.message}${count > 1 ? ` (${count} times, first at line ${note.line})` : ''}`,
    }));
    const { blocks, rows, line } = this.copySkipped;
    if (blocks > 0) {
      grouped.push({
        line, code: 'copy_data_skipped',
        message: `COPY data not loaded for a schema check: ${blocks} block${blocks === 1 ? '' : 's'}, ${rows} row${rows === 1 ? '' : 's'} (each COPY ran with no rows, so its table and columns are still checked; --with-data loads them)`,
      });
    }
    return [...this.plainNotes, ...grouped].sort((a, b) => a.line - b.line);
  }
}

/** Data lines in a COPY block (each ends in a newline, the last one may not). */
function countLines(data: string): number {
  if (data === '') return 0;
  let n = 0;
  for (let i = data.indexOf('\n'); i !== -1; i = data.indexOf('\n', i + 1)) n++;
  return data.endsWith('\n') ? n : n + 1;
}

/** The role a `role "x" does not exist` error names (42704 from GRANT/OWNER TO, 22023 from SET ROLE). */
function missingRole(code: string | undefined, message: string): string | null {
  if (code !== '42704' && code !== '22023') return null;
  const m = /^role "(.*)" does not exist$/.exec(message);
  return m ? m[1] : null;
}

/** Data line a COPY error is about: Postgres says `COPY t, line 3, column a: "x"` in its context. */
function copyLineOf(err: unknown): number | undefined {
  const where = (err as { where?: unknown } | null)?.where;
  if (typeof where !== 'string') return undefined;
  const m = /\bCOPY [^\n]*?, line (\d+)/.exec(where);
  return m ? Number(m[1]) : undefined;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason ?? new DOMException('The load was aborted', 'AbortError');
}
