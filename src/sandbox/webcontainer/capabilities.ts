import type { Capabilities } from '../sandbox';

/** What the WebContainer sandbox can run, for the agent's system prompt and the banner. */
export const WEBCONTAINER_CAPABILITIES: Capabilities = {
  summary:
    'A WebContainer: Node.js in the browser tab, with node, npm and npx (packages install from the npm registry). ' +
    'The shell is jsh, not bash: it runs simple commands, pipes, &&, ||, ; and redirections, with few builtins ' +
    '(cd, echo, export, pwd, ls, cat, cp, mkdir, rm, rmdir, ps, kill). There is no git, no sleep, no python3 or pip (Python runs only in the lite sandbox, on Pyodide), ' +
    'and no sed, awk or grep unless installed from npm (run them through npx). jsh cannot do: `!` negation (`if ! command -v x` ' +
    'fails with "unsupported shell syntax"), shell functions, heredocs, ' +
    'or running a script by its shebang (`./x.js` fails with "spawn ./x.js ENOENT": run `node x.js`). ' +
    'Write files with write_file and do logic in node (`node -e` or a script file). Pass --yes to npx ' +
    '(`npx --yes create-vite@latest app -- --template react`) and options to create-* tools: a command that waits ' +
    'for an answer is interrupted. Start servers and watchers (npm run dev, vite, node server.js) with ' +
    'start_process, never with & or a blocking run_command: they start in your current directory with your exports, ' +
    'and their ports open a preview in the page (read the process output for the port actually used).',
  node: true,
  network: true,
  processes: true,
  servers: true,
};
