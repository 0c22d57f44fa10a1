/** Writes a rendered report to --output FILE, or to stdout; an unwritable path is an InputError. */
import { writeFileSync } from 'node:fs';
import { InputError } from '../core/errors';

export function writeOutput(text: string, output: string | null, io: { stdout(t: string): void }): void {
  if (!output) {
    io.stdout(text);
    return;
  }
  try {
    writeFileSync(output, text);
  } catch (err) {
    throw new InputError(`cannot write output: ${(err as Error).message}`, { source: output }, { cause: err });
  }
}
