import type { Capabilities } from '../sandbox';

/** What the WebContainer sandbox can run, for the agent's system prompt and the banner. */
export const WEBCONTAINER_CAPABILITIES: Capabilities = {
  summary:
    'A WebContainer: Node.js in the browser tab, with node, npm and npx (packages install from the npm registry). ' +
    'The shell is jsh, not bash: it runs simple commands, pipes, &&, ||, ; and redirections, with few builtins ' +
    '(cd, echo, export, pwd, ls, cat, cp, mkdir, rm, rmdir, ps, kill). There is no git, no sleep and no python3 or pip ' +
    '(Python runs only in the lite sandbox, on Pyodide), ' +
    'and no sed, awk or grep unless installed from npm (run them through npx); heredocs may not work, so write ' +
    'files with write_file. Use node -e for scripting. Start servers and watchers (npm run dev, vite, node server.js) ' +
    'with start_process, never with & or a blocking run_command; their ports open a preview in the page.',
  node: true,
  network: true,
  processes: true,
  servers: true,
};
