import fc from 'fast-check';

/** Paths the operations pick from: few, so that operations meet (a write into a dir another op removed). */
const NAMES = ['a', 'b', 'a/c', 'a/d', 'b/e', 'node_modules', 'node_modules/x', 'a/node_modules'];
const name = fc.constantFrom(...NAMES);
const text = fc.stringMatching(/^[a-z0-9 ]{0,12}$/);

/** One shell command of the real lite sandbox that changes the work dir (or fails, which is fine too). */
export const operation = fc.oneof(
  fc.tuple(name, text).map(([path, content]) => `mkdir -p "$(dirname ${path})" && echo '${content}' > ${path}`),
  fc.tuple(name, text).map(([path, content]) => `echo '${content}' >> ${path}`),
  name.map((path) => `mkdir -p ${path}`),
  name.map((path) => `rm -r ${path}`),
  name.map((path) => `rm -f ${path}`),
  fc.tuple(name, name).map(([from, to]) => `mv ${from} ${to}`),
  fc.tuple(name, name).map(([from, to]) => `cp -r ${from} ${to}`),
  name.map((path) => `sed -i 's/[aeiou]/_/g' ${path}`),
  name.map((path) => `chmod +x ${path}`),
  name.map((path) => `touch ${path}`),
  fc.constant('cd a && echo in-a > here.txt'),
  fc.constant('for i in 1 2 3; do echo $i >> b/loop.txt; done'),
  fc.constant('mkdir -p gen && for i in $(seq 1 40); do echo $i > gen/f$i; done'),
  fc.constant('rm -rf gen'),
);

