/**
 * The fonts embedded in the PDF: DejaVu Sans Condensed (regular, bold, oblique), which has every
 * Vietnamese letter as a precomposed glyph. They come from the npm package `dejavu-fonts-ttf`
 * (the DejaVu 2.37 TTFs, Bitstream Vera licence with DejaVu changes in the public domain: free to
 * embed and redistribute), so every machine that runs `pnpm install` has them; nothing depends on
 * the fonts installed on the system.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export type FontStyle = 'regular' | 'bold' | 'italic';

const FILES: Readonly<Record<FontStyle, string>> = {
  regular: 'DejaVuSansCondensed.ttf',
  bold: 'DejaVuSansCondensed-Bold.ttf',
  italic: 'DejaVuSansCondensed-Oblique.ttf',
};

const cache = new Map<FontStyle, Uint8Array>();

/** The TTF bytes of a style, read once from the `dejavu-fonts-ttf` package. */
export function fontBytes(style: FontStyle): Uint8Array {
  let bytes = cache.get(style);
  if (!bytes) {
    const require = createRequire(import.meta.url);
    bytes = new Uint8Array(readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${FILES[style]}`)));
    cache.set(style, bytes);
  }
  return bytes;
}
