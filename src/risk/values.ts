// The values the walker passes around: expanded arguments and what flows through pipes. A leaf.

/** One argument after expansion. `known` is false when part of it is only known at run time. */
export interface Field {
  text: string;
  known: boolean;
  /** Has an unquoted glob character (`*`, `?`, `[`) or brace list. */
  glob: boolean;
  /** For `<(cmd)`: what reading that file gives. */
  stream?: Stream;
  /** The secret this argument carries (`$OPENAI_API_KEY`, `the contents of .env` …), for rules that send data. */
  secret?: string;
  /** The word is only the output of a well-known shell-setup printer (`"$(ssh-agent -s)"`): which one. */
  setup?: string;
}

/** What flows through a pipe or into a redirect. */
export type Stream =
  | { kind: 'static'; text: string }
  /** Output only known at run time; `source` says where it comes from (e.g. "a download"). */
  /** `secret`: the secret it carries; `setup`: it is the shell setup a well-known tool prints. */
  | { kind: 'dynamic'; source: string; secret?: string; setup?: string }
  /** A file that was there before this command. */
  | { kind: 'file'; path: string };
