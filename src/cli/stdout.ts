/**
 * Runs a CLI's main and sets the exit code it returns. Node exits once stdout has drained: process.exit() would cut
 * off piped output. A reader that stops early (| head) closes the pipe: that ends the run, it is not an error.
 */
export function runMain(main: (argv: string[]) => Promise<number>): void {
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
