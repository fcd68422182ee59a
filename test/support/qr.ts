import { Resvg } from '@resvg/resvg-js';
import jsQR from 'jsqr';

/**
 * What a phone's camera reads from a printed QR code: the SVG as the page drew it, rasterized (resvg, as a
 * printer would) at 8 pixels a module, then decoded by jsQR. Null when it is not a readable QR code.
 */
export function decodeQr(svg: string): string | null {
  const image = new Resvg(svg, { fitTo: { mode: 'width', value: 400 }, background: '#fff' }).render();
  const pixels = new Uint8ClampedArray(image.pixels.buffer, image.pixels.byteOffset, image.pixels.byteLength);
  return jsQR(pixels, image.width, image.height)?.data ?? null;
}
