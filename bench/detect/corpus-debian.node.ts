/**
 * Corpus 2: the standalone `License:` paragraphs of the machine-readable
 * /usr/share/doc/PACKAGE/copyright files on this machine, each written to its
 * own file and labelled with its short name mapped to SPDX.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isMachineReadable, licenseParagraphs } from "./debian-copyright.ts";
import { debianAccepted, debianToSpdx } from "./debian-names.ts";
import type { Sample } from "./score.ts";

export interface DebianStats {
  copyrightFiles: number;
  machineReadable: number;
  paragraphs: number;
  labelled: number;
  /** Short names with no SPDX mapping (left out), with their counts. */
  unmapped: Record<string, number>;
}

export function debianSamples(
  cacheDir: string,
  docRoot = "/usr/share/doc",
): { samples: Sample[]; stats: DebianStats } {
  const outDir = join(cacheDir, "debian");
  // Retries: another process walking the cache can make a removal fail once (ENOTEMPTY).
  rmSync(outDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  mkdirSync(outDir, { recursive: true });
  const stats: DebianStats = {
    copyrightFiles: 0,
    machineReadable: 0,
    paragraphs: 0,
    labelled: 0,
    unmapped: {},
  };
  const samples: Sample[] = [];
  const seenFiles = new Set<string>();
  for (const pkg of readdirSync(docRoot).sort()) {
    let real: string;
    let text: string;
    try {
      // Several packages share one doc folder through a symlink; read each file once.
      real = realpathSync(join(docRoot, pkg, "copyright"));
      if (seenFiles.has(real)) continue;
      text = readFileSync(real, "utf8");
    } catch {
      continue;
    }
    seenFiles.add(real);
    stats.copyrightFiles++;
    if (!isMachineReadable(text)) continue;
    stats.machineReadable++;
    licenseParagraphs(text).forEach((p, i) => {
      stats.paragraphs++;
      const spdx = debianToSpdx(p.name);
      if (!spdx) {
        stats.unmapped[p.name] = (stats.unmapped[p.name] ?? 0) + 1;
        return;
      }
      const dir = join(outDir, pkg);
      mkdirSync(dir, { recursive: true });
      // A neutral name: tools must judge the text, not a LICENSE or copyright file name.
      const path = join(dir, `${i + 1}.txt`);
      writeFileSync(path, p.text);
      stats.labelled++;
      samples.push({
        path,
        subset: "debian",
        expected: spdx,
        accepted: debianAccepted(p.name),
        sha256: createHash("sha256").update(p.text).digest("hex"),
        bytes: Buffer.byteLength(p.text),
        origin: `${pkg} (License: ${p.name}, line ${p.line})`,
      });
    });
  }
  return { samples, stats };
}
