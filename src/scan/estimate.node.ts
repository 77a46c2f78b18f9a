/**
 * How many files a scan will see, for the ETA in the progress line: counted
 * by a quick walk of the directory inputs, beside the scan. An estimate only
 * (the sources decide what is a record: symlinks, ignore rules); inputs that
 * are not directories (archives, datasets, stdin) make the total unknown.
 */
import { opendir, stat } from "node:fs/promises";
import { join } from "node:path";

async function countFiles(dir: string, signal?: AbortSignal): Promise<number> {
  let n = 0;
  const stack = [dir];
  while (stack.length > 0) {
    if (signal?.aborted) return n;
    const at = stack.pop()!;
    try {
      for await (const entry of await opendir(at)) {
        if (entry.isDirectory()) {
          if (entry.name !== ".git") stack.push(join(at, entry.name));
        } else n++;
      }
    } catch {
      // Unreadable directories become error records in the scan; the estimate just goes on.
    }
  }
  return n;
}

/** The number of files under the inputs, or null when some input is not a directory. */
export async function estimateFiles(
  inputs: string[],
  signal?: AbortSignal,
): Promise<number | null> {
  let total = 0;
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (!info?.isDirectory()) return null;
    total += await countFiles(input, signal);
  }
  return total;
}
