import { detectBytes } from "../../src/detect/detect.ts";
import { readHead } from "../../src/detect/read.node.ts";
import type { Detection } from "../../src/detect/types.ts";

export interface DetectItem {
  path: string;
  fsPath?: string;
  bytes?: Uint8Array;
}

/** Detect each file from its head: what `tgpl detect` does per file. */
export async function detectOnly(items: DetectItem[], maxBytes: number): Promise<Detection[]> {
  const out: Detection[] = [];
  for (const item of items) {
    if (item.bytes) {
      out.push(detectBytes(item.path, item.bytes.subarray(0, maxBytes), item.bytes.length));
      continue;
    }
    const read = await readHead(item.fsPath!, { maxBytes });
    out.push(
      read.ok
        ? detectBytes(item.path, read.bytes, read.size)
        : { path: item.path, expression: null, matches: [] },
    );
  }
  return out;
}
