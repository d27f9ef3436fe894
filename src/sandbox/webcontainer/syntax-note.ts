/**
 * What to tell the model when jsh refuses a command with "unsupported shell syntax" (webcontainer-core#1608).
 * Which constructs jsh refuses is known only in part (`!` is; `2>&1` and quoted strings over several lines could
 * not be tried from here), so the adapter reads jsh's answer rather than guessing beforehand: a command jsh runs
 * is left alone, and a refused one comes back with the constructs it used that jsh may lack, and what to do instead.
 */

/** A construct jsh may lack, how to spot it in a command, and what to do instead. */
interface Construct {
  found: (command: string) => boolean;
  advice: string;
}

const CONSTRUCTS: Construct[] = [
  {
    found: (command) => /\d?>&\d|&>/.test(command),
    advice: '`2>&1` (or `&>`): this terminal already shows stderr with stdout, so drop it (to filter both, do the step in node)',
  },
  {
    found: (command) => /(^|[;&|(]\s*|\b(if|while|until)\s+)!\s/.test(command),
    advice: '`!` negation: use `cmd || other` or `cmd && other` instead',
  },
  {
    found: (command) => /<<-?\s*['"]?[A-Za-z_]/.test(command),
    advice: 'a heredoc: write the file with write_file instead',
  },
  {
    found: (command) => /\bfunction\s+[A-Za-z_]|[A-Za-z_][\w-]*\s*\(\)\s*\{/.test(command),
    advice: 'a shell function: put the logic in a node script',
  },
  {
    found: quotedNewline,
    advice: 'a quoted string over several lines: write the text with write_file, or use "\\n" inside node -e',
  },
];

/** Whether a newline sits inside single or double quotes. */
function quotedNewline(command: string): boolean {
  let quote: string | undefined;
  for (let i = 0; i < command.length; i++) {
    const char = command[i];
    if (quote === undefined) {
      if (char === '\\') i++;
      else if (char === "'" || char === '"') quote = char;
    } else if (char === quote) quote = undefined;
    else if (quote === '"' && char === '\\') i++;
    else if (char === '\n') return true;
  }
  return false;
}

/** The note for a command jsh refused; undefined when its output shows no refusal. */
export function unsupportedSyntaxNote(command: string, output: string): string | undefined {
  if (!/unsupported shell syntax/i.test(output)) return undefined;
  const used = CONSTRUCTS.filter((construct) => construct.found(command)).map((construct) => construct.advice);
  const what = used.length > 0 ? `It uses ${used.join('; ')}.` : 'Rewrite it with simple commands, pipes, &&, || and ;, or do the logic in node.';
  return `jsh (the WebContainer shell, not bash) refused this command's syntax. ${what}`;
}
