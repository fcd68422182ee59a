import { createInterface } from 'node:readline';

/**
 * A password from standard input (`--password-stdin`, for scripts: `printf %s "$PW" | npm run cli …`)
 * or typed at the terminal without echo; never from the command line, where it would stay in the
 * shell history and the process list.
 */
export async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin || !process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    return text.replace(/\r?\n$/, '');
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const write = (rl as unknown as { _writeToOutput: (s: string) => void });
  process.stderr.write('password: ');
  write._writeToOutput = () => undefined;
  try {
    return await new Promise<string>((resolve) => rl.question('', resolve));
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}
