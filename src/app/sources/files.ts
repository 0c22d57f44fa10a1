/** Reading dumps the user opens or drops. Binary files are refused with a reason. */
export interface ReadFile { name: string; text: string }

const MAX_BYTES = 64 * 1024 * 1024;

async function readOne(file: File): Promise<ReadFile> {
  if (file.size > MAX_BYTES) throw new Error(`${file.name}: ${Math.round(file.size / 1048576)} MB is more than the 64 MB this page loads`);
  const text = await file.text();
  // A NUL byte means a binary file (a custom-format pg_dump, a zip): not a psql script.
  if (text.includes('\u0000')) throw new Error(`${file.name}: this is a binary file, not an SQL script (use pg_dump --format=plain)`);
  return { name: file.name, text };
}

export async function readFiles(list: FileList | null): Promise<ReadFile[] | { error: string }> {
  try {
    return await Promise.all([...(list ?? [])].map(readOne));
  } catch (err) {
    return { error: (err as Error).message };
  }
}

export async function readDroppedFiles(dt: DataTransfer | null): Promise<ReadFile[] | { error: string }> {
  if (!dt) return [];
  if (dt.files.length) return readFiles(dt.files);
  const text = dt.getData('text/plain');
  return text ? [{ name: 'dropped.sql', text }] : [];
}
