/** CLI input limits and budget options: refused fast with exit 3, one line, before any engine starts. */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { parseCommand } from '../../src/cli/args';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}
const CLEAN = 'fixtures/drift/clean/dump.sql';

describe('cli: untrusted input limits', () => {
  it('--dump /dev/zero is refused after one chunk, memory does not grow', async () => {
    const before = process.memoryUsage().rss;
    const r = await run('check', '--dump', '/dev/zero');
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('/dev/zero:1:1: binary data (NUL byte) in the input; expected a plain-text SQL script\n');
    expect(process.memoryUsage().rss - before).toBeLessThan(200e6);
  });

  it('--max-input-size refuses a larger dump with the limit in the message', async () => {
    const r = await run('check', '--dump', CLEAN, '--max-input-size', '10k');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^schema\/canonical_schema\.sql:1:1: input is more than 10 kB, larger than the 10 kB limit \(--max-input-size/);
  });

  it('an unwritable --output fails before any work', async () => {
    const t0 = Date.now();
    const r = await run('check', '--dump', CLEAN, '--output', '/proc/no/such/dir/report.json');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^\/proc\/no\/such\/dir\/report\.json: cannot write output: no such directory/);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect((await run('check', '--dump', CLEAN, '--output', '/')).stderr).toMatch(/cannot write output: is a directory/);
  });

  it('parses --statement-timeout, --max-input-size and --with-data', () => {
    expect(parseCommand(['check', '--dump', 'd.sql'])).toMatchObject({ statementTimeoutMs: 10_000, maxInputBytes: 512e6, withData: false });
    expect(parseCommand(['check', '--dump', 'd.sql', '--statement-timeout', '2.5', '--max-input-size', '2GB', '--with-data'])).toMatchObject({
      statementTimeoutMs: 2500, maxInputBytes: 2e9, withData: true,
    });
    expect(() => parseCommand(['check', '--dump', 'd.sql', '--statement-timeout', 'soon'])).toThrow(/--statement-timeout: expected seconds/);
    expect(() => parseCommand(['check', '--dump', 'd.sql', '--max-input-size', 'big'])).toThrow(/--max-input-size: expected a size/);
  });
});
