/**
 * A throwaway Debian PostgreSQL 15 cluster for the fix round trip: its own data directory and
 * socket directory (Unix socket only, so no port can clash with another engineer's server),
 * psql / pg_dump helpers, and pg_dump output split into entries for an entry-by-entry compare.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PG15_BIN = process.env.PG15_BIN ?? '/usr/lib/postgresql/15/bin';

export class Pg15 {
  private constructor(readonly dir: string, private readonly asPostgres: boolean, readonly port: number) {}

  /** initdb + start; as root the server runs as the `postgres` OS user (Postgres refuses root). */
  static start(): Pg15 {
    const dir = mkdtempSync(join(tmpdir(), 'skeldir-fix-pg15-'));
    const asPostgres = process.getuid?.() === 0;
    chmodSync(dir, 0o755);
    if (asPostgres) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
      chownSync(dir, uid, gid);
    }
    const port = 5400 + 12 + 100 + (process.pid % 500);
    const pg = new Pg15(dir, asPostgres, port);
    pg.server(['initdb', '-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
    pg.server(['pg_ctl', '-D', join(dir, 'data'), '-w', '-l', join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c listen_addresses='' -c fsync=off`, 'start']);
    return pg;
  }

  private server(argv: string[]): void {
    const [cmd, ...args] = argv;
    const bin = join(PG15_BIN, cmd);
    if (this.asPostgres) execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', [bin, ...args].map(shellQuote).join(' ')], { stdio: 'pipe' });
    else execFileSync(bin, args, { stdio: 'pipe' });
  }

  private conn(db: string): string[] {
    return ['-h', this.dir, '-p', String(this.port), '-U', 'postgres', '-d', db];
  }

  /** Runs a SQL file with ON_ERROR_STOP; throws with psql's stderr on the first error. */
  psqlFile(db: string, sql: string): void {
    const file = join(this.dir, `in-${Date.now()}-${Math.random().toString(36).slice(2)}.sql`);
    writeFileSync(file, sql);
    try {
      execFileSync(join(PG15_BIN, 'psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', ...this.conn(db), '-f', file], { stdio: 'pipe' });
    } catch (err) {
      const e = err as { stderr?: Buffer };
      throw new Error(`psql failed on ${db}: ${e.stderr?.toString() ?? String(err)}`, { cause: err });
    } finally {
      rmSync(file, { force: true });
    }
  }

  createdb(name: string): void {
    execFileSync(join(PG15_BIN, 'createdb'), ['-h', this.dir, '-p', String(this.port), '-U', 'postgres', name], { stdio: 'pipe' });
  }

  dump(db: string): string {
    return execFileSync(join(PG15_BIN, 'pg_dump'), ['--schema-only', ...this.conn(db)], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 }).toString();
  }

  stop(): void {
    try {
      this.server(['pg_ctl', '-D', join(this.dir, 'data'), '-m', 'immediate', 'stop']);
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * pg_dump output as entries: `Type Schema Name` → body (trailing blanks and the random
 * \restrict key lines dropped). Column order inside CREATE TABLE is not compared (the diff does
 * not compare it either, and ADD COLUMN can only append): column lines are sorted.
 */
export function dumpEntries(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const header = /^--\n-- (?:Data for )?Name: (.*?); Type: (.*?); Schema: (.*?); Owner: .*\n--\n/gm;
  const marks = [...text.matchAll(header)];
  marks.forEach((m, i) => {
    const end = i + 1 < marks.length ? marks[i + 1].index! : text.length;
    const body = text.slice(m.index! + m[0].length, end).split('\n')
      .filter((l) => l.trim() !== '' && !/^\\(un)?restrict /.test(l) && !/^-- (Dumped|PostgreSQL database dump)/.test(l) && l !== '--')
      .join('\n');
    out.set(`${m[2]} ${m[3]} ${m[1]}`, sortColumns(body));
  });
  return out;
}

function sortColumns(body: string): string {
  return body.replace(/^(CREATE TABLE [^\n]*\(\n)([\s\S]*?)(\n\)[^\n]*;)$/m, (_all, open: string, cols: string, close: string) =>
    open + cols.split('\n').map((l) => l.replace(/,$/, '')).sort().join('\n') + close);
}
