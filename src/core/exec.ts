/** The result of one command in a sandbox. A non-zero exit is data, not an exception. */
export interface ExecResult {
  exitCode: number;
  /** What the command printed, stdout and stderr in the order the sandbox gives them. */
  output: string;
  stdout?: string;
  stderr?: string;
  /** The command was stopped because it ran past its timeout. */
  timedOut: boolean;
  /** Output was lost (a stopped command in a sandbox that only reports output at the end). */
  outputLost?: boolean;
  /** Output was cut at the sandbox's cap; this many characters were dropped. */
  droppedChars?: number;
  durationMs: number;
}
