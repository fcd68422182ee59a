import { QrCode } from './QrCode';

/** An https address as people type it (browsers add https://); any other address as it is. */
export const typeableUrl = (url: string): string => url.replace(/^https:\/\//, '');

/**
 * Paper to phone: the QR code of `url` (the page with the code already in it) beside the address to type. `url` comes
 * from the api, built from PUBLIC_BASE_URL, never from the address this page was opened at.
 */
export function PrintedLink({ url, label, note }: { url: string; label: string; note: string }) {
  return (
    <div className="printed-link">
      <QrCode text={url} label={`${label} QR 코드`} />
      <p className="printed-link-text">
        <span className="printed-link-note">{note}</span>
        <a href={url} className="printed-link-url" data-testid="printed-link-url">
          {typeableUrl(url)}
        </a>
      </p>
    </div>
  );
}
