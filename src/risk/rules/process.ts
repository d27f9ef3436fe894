// Process and system control: stopping one process is medium; killing everything, shutting down, wiping
// crontabs or shell history is high.
import { hasFlag, operands, type Rule } from './util';

const kill: Rule = (inv) => {
  const words = inv.words;
  if (words.some((w) => w === '-l' || w === '-L' || w === '--list')) return void inv.raise('none', 'kill -l lists signals');
  // The first word is a signal when it looks like one; after that, `-1` is a pid (every process).
  let i = 0;
  if (words[0] === '-s' || words[0] === '-n') i = 2;
  else if (words[0] && /^-([A-Z]+|\d+|SIG\w+)$/.test(words[0])) i = 1;
  const pids = words.slice(i).filter((w) => w !== '--');
  if (pids.some((p) => /^(-1|1|0|-0)$/.test(p))) return void inv.raise('high', `kill ${pids.join(' ')} signals every process (or init)`);
  if (pids.some((p) => p.includes('\u0000'))) return void inv.raise('medium', 'kills processes chosen at run time');
  inv.raise(pids.every((p) => p.startsWith('%')) ? 'low' : 'medium', `kill ${pids.join(' ')} stops a process`);
};

const pkill: Rule = (inv) => {
  const [pattern] = operands(inv.words, ['-u', '-U', '-g', '-G', '-P', '-s', '-t', '--signal', '-F', '--pidfile']);
  if (pattern === undefined && hasFlag(inv.words, 'uUgGPst')) return void inv.raise('high', `${inv.base} stops every process of a user or group`);
  if (pattern === undefined || /^(\.|\.\*|\^|\$|\^\.\*\$?|\.\+|)$/.test(pattern) || pattern.includes('\u0000')) {
    return void inv.raise('high', `${inv.base} ${pattern ?? ''} matches every process`);
  }
  inv.raise('medium', `${inv.base} stops processes matching ${pattern}`);
};

const killall: Rule = (inv) => inv.raise('high', `${inv.base} stops every process with that name`);
const power: Rule = (inv) => inv.raise('high', `${inv.base} stops the machine`);

const init: Rule = (inv) => inv.raise(/^[06sS]$/.test(inv.words[0] ?? '') ? 'high' : 'medium', `${inv.base} changes the run level`);

const systemctl: Rule = (inv) => {
  const sub = operands(inv.words)[0] ?? '';
  if (/^(poweroff|reboot|halt|kexec|suspend|hibernate|emergency|rescue|isolate)$/.test(sub)) return void inv.raise('high', `${inv.base} ${sub} stops the machine`);
  if (/^(status|show|list-.*|is-.*|cat|help)$/.test(sub)) return void inv.raise('none', `${inv.base} ${sub}`);
  inv.raise('medium', `${inv.base} ${sub} changes services`);
};

const crontab: Rule = (inv) => {
  if (hasFlag(inv.words, 'r')) return void inv.raise('high', 'crontab -r deletes every scheduled job');
  if (hasFlag(inv.words, 'l')) return void inv.raise('none', 'crontab -l lists jobs');
  inv.raise('medium', 'crontab changes scheduled jobs');
};

const history: Rule = (inv) => {
  if (hasFlag(inv.words, 'cdw')) return void inv.raise('high', 'history -c erases the shell history');
  inv.raise('none', 'history reads only');
};

/** Rules for process and system control, by command name. */
export const PROCESS_RULES: Record<string, Rule> = {
  kill, pkill, pgrep: (inv) => inv.raise('none', 'pgrep lists processes'), killall, killall5: killall,
  shutdown: power, reboot: power, halt: power, poweroff: power, init, telinit: init,
  systemctl, service: (inv) => inv.raise('medium', 'service changes services'), launchctl: systemctl,
  crontab, history, at: (inv) => inv.raise('medium', 'at schedules a job'),
};
