/**
 * Progress for people on stderr: only on a terminal, at most a few times a
 * second, erased when done, so logs and pipes stay clean.
 */
export class Progress {
  private last = 0;
  private readonly started = Date.now();
  private shown = false;
  constructor(
    private readonly label: string,
    private readonly enabled = Boolean(process.stderr.isTTY),
  ) {}

  update(done: number, total?: number, extra = ""): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 200) return;
    this.last = now;
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    let line = `${this.label}: ${done}${total ? `/${total}` : ""} files, ${rate.toFixed(0)}/s`;
    if (total && rate > 0) line += `, ETA ${Math.ceil((total - done) / rate)}s`;
    if (extra) line += `, ${extra}`;
    process.stderr.write(`\r\x1b[2K${line}`);
    this.shown = true;
  }

  done(): void {
    if (this.shown) process.stderr.write("\r\x1b[2K");
  }
}
