/**
 * Reading dumps the user opens or drops: bytes decoded by the CLI's own reader (core/load/input:
 * size cap, binary formats, UTF-16, UTF-8 or the encoding the dump declares), so a file the CLI
 * refuses is refused here with the same words, and a Latin-1 dump is not turned into U+FFFD.
 */
import { DEFAULT_MAX_INPUT_BYTES, decodeInput, tooLarge } from '../../core/load/input';

export interface ReadFile { name: string; text: string }

async function readOne(file: File): Promise<ReadFile> {
  // Refused before reading: a 10 GB file never reaches memory.
  if (file.size > DEFAULT_MAX_INPUT_BYTES) throw tooLarge(file.size, DEFAULT_MAX_INPUT_BYTES, file.name);
  const bytes = new Uint8Array(await file.arrayBuffer());
  return { name: file.name, text: decodeInput(bytes, file.name) };
}

export async function readFiles(list: FileList | null): Promise<ReadFile[] | { error: string }> {
  try {
    return await Promise.all([...(list ?? [])].map(readOne));
  } catch (err) {
    return { error: String(err) };
  }
}

export async function readDroppedFiles(dt: DataTransfer | null): Promise<ReadFile[] | { error: string }> {
  if (!dt) return [];
  if (dt.files.length) return readFiles(dt.files);
  const text = dt.getData('text/plain');
  return text ? [{ name: 'dropped.sql', text }] : [];
}
