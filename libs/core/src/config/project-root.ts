import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Source and compiled files sit at different depths (libs/… vs dist/libs/…); data files live beside package.json. */
export function projectRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'libs'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${from}`);
    dir = parent;
  }
}
