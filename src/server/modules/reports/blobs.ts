import { createHash } from 'node:crypto';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileStore } from '../../platform/files/store.js';

/**
 * Store a file the server made itself (a report) in the FileStore's content-addressed layout.
 * FileStore.put only accepts uploads it can vet by magic bytes (images, PDF); a generated
 * workbook is trusted content, so it is written here, the same way: named by its SHA-256,
 * written to a temporary name and renamed, so a reader never sees half a file.
 */
export async function putGenerated(files: FileStore, data: Buffer): Promise<string> {
  const sha256 = createHash('sha256').update(data).digest('hex');
  const target = files.pathOf(sha256);
  if (await stat(target).then(() => true, () => false)) return sha256;
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, target);
  return sha256;
}
