import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { ValidationError, AppError } from '../errors.js';

/** What may be uploaded, decided by the file's magic bytes, never by its name or header. */
export const ALLOWED_TYPES: Record<string, 'image' | 'document'> = {
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/webp': 'image',
  'image/gif': 'image',
  'application/pdf': 'document',
};

/** Refuse decompression bombs: images beyond this many pixels are not decoded. */
const MAX_IMAGE_PIXELS = 40_000_000;
const THUMB_SIZE = 320;

export interface StoredBlob {
  sha256: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  thumbSha256: string | null;
}

/**
 * Content-addressed blobs on disk (`<root>/ab/abcdef…`). Names are the SHA-256 of the content,
 * so no user-supplied name ever reaches the file system. Swappable for an S3-compatible store.
 */
export class FileStore {
  constructor(
    readonly root: string,
    readonly maxBytes: number,
  ) {}

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new AppError('NOT_FOUND', 'file not found');
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  async put(data: Buffer): Promise<StoredBlob> {
    if (data.length === 0) throw new ValidationError('the file is empty', [{ path: 'file', message: 'empty file' }]);
    if (data.length > this.maxBytes) {
      throw new AppError('PAYLOAD_TOO_LARGE', `files may be at most ${Math.floor(this.maxBytes / 1048576)} MiB`, [
        { path: 'file', message: 'too large' },
      ]);
    }
    const type = await fileTypeFromBuffer(data);
    const kind = type && ALLOWED_TYPES[type.mime];
    if (!type || !kind) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'only JPEG, PNG, WebP, GIF images and PDF documents are accepted', [
        { path: 'file', message: `detected type: ${type?.mime ?? 'unknown'}` },
      ]);
    }
    let width: number | null = null;
    let height: number | null = null;
    let thumbSha256: string | null = null;
    if (kind === 'image') {
      try {
        const { default: sharp } = await import('sharp'); // loaded with the first image, not at start
        const meta = await sharp(data, { limitInputPixels: MAX_IMAGE_PIXELS }).metadata();
        width = meta.width ?? null;
        height = meta.height ?? null;
        const thumb = await sharp(data, { limitInputPixels: MAX_IMAGE_PIXELS })
          .rotate()
          .resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside', withoutEnlargement: true })
          .webp({ quality: 75 })
          .toBuffer();
        thumbSha256 = await this.write(thumb);
      } catch (err) {
        throw new ValidationError('the image cannot be read (damaged, or too many pixels)', [
          { path: 'file', message: String((err as Error).message).slice(0, 200) },
        ], 'INVALID_IMAGE');
      }
    }
    const sha256 = await this.write(data);
    return { sha256, mime: type.mime, size: data.length, width, height, thumbSha256 };
  }

  /** A blob's bytes; one missing from the store (lost disk, restore without files) is a clear 404, never a 500. */
  async get(sha256: string): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(sha256));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      throw new AppError('NOT_FOUND', 'the content of this file is missing from the file store; an administrator can restore it from a backup', [
        { path: 'id', message: 'file content missing' },
      ]);
    }
  }

  async has(sha256: string): Promise<boolean> {
    return stat(this.pathOf(sha256)).then(() => true, () => false);
  }

  /** Put back a blob by its name (restore): refused unless the bytes hash to that name. */
  async restoreBlob(sha256: string, data: Buffer): Promise<void> {
    const actual = createHash('sha256').update(data).digest('hex');
    if (actual !== sha256) throw new Error(`backup damaged: the file ${sha256} does not match its checksum`);
    await this.write(data);
  }

  private async write(data: Buffer): Promise<string> {
    const sha256 = createHash('sha256').update(data).digest('hex');
    const target = this.pathOf(sha256);
    const exists = await stat(target).then(() => true, () => false);
    if (!exists) {
      await mkdir(path.dirname(target), { recursive: true });
      const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(tmp, data);
      await rename(tmp, target); // atomic: a reader never sees half a file
    }
    return sha256;
  }
}
