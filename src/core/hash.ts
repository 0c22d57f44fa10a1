/** Content hashes of the inputs (the report's `inputs`, share links that name a file). */
const encoder = new TextEncoder();

/** Lower-case hex SHA-256 of the UTF-8 encoding of `text`. */
export async function sha256Hex(text: string): Promise<{ sha256: string; bytes: number }> {
  const data = encoder.encode(text);
  const digest = await crypto.subtle.digest('SHA-256', data);
  return { sha256: [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join(''), bytes: data.byteLength };
}
