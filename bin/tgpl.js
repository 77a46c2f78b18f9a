#!/usr/bin/env node
// Runs the compiled CLI (built by `npm install` through the prepare script).
import { main, stopQuietlyWhenOutputCloses } from "../dist/cli/main.js";

stopQuietlyWhenOutputCloses();

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
