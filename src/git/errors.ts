/** A git failure the front end reports as git would: its message on stderr and git's exit code. */
export class GitFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 128,
  ) {
    super(message);
    this.name = 'GitFailure';
  }
}

/** `fatal: …`, exit 128 — git's answer to a request it cannot carry out. */
export function fatal(message: string): GitFailure {
  return new GitFailure(`fatal: ${message}\n`, 128);
}

/** `error: …`, exit 1. */
export function gitError(message: string, exitCode = 1): GitFailure {
  return new GitFailure(`error: ${message}\n`, exitCode);
}

/** A usage error: exit 129, as git's option parser. */
export function usage(message: string): GitFailure {
  return new GitFailure(`${message}\n`, 129);
}
