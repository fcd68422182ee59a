import { api } from '../api';
import { useAction } from '../useAction';
import { ErrorMessage } from './ErrorMessage';

interface Props {
  url: string;
  label: string;
  /** Used when the server names no file. */
  filename: string;
  testId?: string;
  className?: string;
}

/** Fetches a file with the bearer header and hands it to the browser as a download. */
export function DownloadButton({ url, label, filename, testId, className = 'button button-secondary' }: Props) {
  const { busy, error, run } = useAction();

  async function download() {
    await run(async () => {
      const file = await api.download(url);
      const href = URL.createObjectURL(file.blob);
      const a = document.createElement('a');
      a.href = href;
      a.download = file.filename ?? filename;
      document.body.append(a);
      a.click();
      a.remove();
      // Give the browser a moment to start the download before the URL goes.
      window.setTimeout(() => URL.revokeObjectURL(href), 10_000);
    });
  }

  return (
    <span className="download">
      <button type="button" className={className} data-testid={testId} onClick={() => void download()} disabled={busy}>
        {busy ? '내려받는 중…' : label}
      </button>
      <ErrorMessage error={error} title="파일을 내려받지 못했습니다." />
    </span>
  );
}
