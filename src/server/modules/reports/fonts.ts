import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';

/**
 * Noto Sans SC (OFL) from @embedpdf/fonts-sc: pdfkit embeds only the glyphs a report uses, so the
 * Chinese text stays extractable and the file small. The font files are located through the
 * package and parsed once per process: parsing an 8 MB CJK font for every report would cost
 * about a third of a second per weight. pdfkit accepts a parsed font in place of the file.
 */
export interface ReportFonts {
  regular: PDFKit.Mixins.PDFFontSource;
  bold: PDFKit.Mixins.PDFFontSource;
}

let cached: ReportFonts | null = null;

export function reportFonts(): ReportFonts {
  if (!cached) {
    const dir = path.join(path.dirname(fileURLToPath(import.meta.resolve('@embedpdf/fonts-sc'))), '..', 'fonts');
    cached = {
      regular: parsed(readFileSync(path.join(dir, 'NotoSansHans-Regular.otf'))),
      bold: parsed(readFileSync(path.join(dir, 'NotoSansHans-Bold.otf'))),
    };
  }
  return cached;
}

/** pdfkit's own parse of the file (its fontkit), taken from a throwaway document. */
function parsed(file: Buffer): PDFKit.Mixins.PDFFontSource {
  const doc = new PDFDocument({ autoFirstPage: false });
  doc.registerFont('f', file);
  doc.font('f');
  const font = (doc as unknown as { _font: { font: unknown } })._font.font;
  return font as PDFKit.Mixins.PDFFontSource;
}
