import { buildGitCli } from './scripts/git-cli-bundle.ts';
import { writeFileSync } from 'node:fs';
const t = Date.now();
const code = await buildGitCli();
writeFileSync('/tmp/git-cli.cjs', code);
console.log(code.length, Date.now() - t, 'ms');
