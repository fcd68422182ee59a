import { create } from 'qrcode';
import { useMemo } from 'react';

/** Modules of quiet zone around the code, as the QR standard asks for scanning off paper. */
const QUIET = 4;

/**
 * `text` (an address the api built from PUBLIC_BASE_URL) as a QR code in SVG: crisp at any print size, one path of
 * dark modules. Error correction M survives a crease or a smudge on a printed slip.
 */
export function QrCode({ text, size = 96, label }: { text: string; size?: number; label: string }) {
  const { width, path } = useMemo(() => {
    const { modules } = create(text, { errorCorrectionLevel: 'M' });
    let d = '';
    for (let row = 0; row < modules.size; row++) {
      // One horizontal run per stretch of dark modules keeps the path short.
      for (let col = 0; col < modules.size; ) {
        if (!modules.get(row, col)) {
          col++;
          continue;
        }
        const start = col;
        while (col < modules.size && modules.get(row, col)) col++;
        d += `M${start + QUIET} ${row + QUIET}h${col - start}v1h${start - col}z`;
      }
    }
    return { width: modules.size + QUIET * 2, path: d };
  }, [text]);
  return (
    <svg xmlns="http://www.w3.org/2000/svg" className="qr-code" role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${width} ${width}`} shapeRendering="crispEdges">
      <rect width={width} height={width} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
