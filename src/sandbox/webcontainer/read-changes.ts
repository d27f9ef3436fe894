/** Reading only what changed from the WebContainer's work dir: each changed root, and the directories above. */
import { ancestorsOf } from '../../changes/change-log';
import type { WorkdirDelta, WorkdirSnapshot } from '../../core/workdir';
import { isExcluded } from '../zip';
import { excludeGlobs, kindOf, treeToSnapshot } from './files';
import type { WcInstance } from './port';

/** What is now at or under `roots` (minimal, work-dir-relative), but what `left` leaves out. */
export async function readRoots(instance: WcInstance, changed: readonly string[], left: readonly string[]): Promise<WorkdirDelta> {
  const skip = (path: string) => isExcluded(path, left);
  const above = new Set<string>();
  for (const dir of new Set(changed.flatMap(ancestorsOf))) if ((await kindOf(instance.fs, dir)) === 'dir') above.add(dir);
  const delta: WorkdirDelta = { roots: changed.filter((root) => !skip(root)), files: [], dirs: [...above].filter((dir) => !skip(dir)) };
  for (const root of delta.roots) {
    if (!ancestorsOf(root).every((dir) => above.has(dir))) continue;
    const kind = await kindOf(instance.fs, root);
    if (kind === 'file') delta.files.push({ path: root, data: await instance.fs.readFile(root) });
    if (kind !== 'dir') continue;
    delta.dirs.push(root);
    const inside: WorkdirSnapshot = treeToSnapshot(await instance.export(root, { format: 'json', excludes: excludeGlobs([...left]) }));
    for (const dir of inside.dirs) if (!skip(`${root}/${dir}`)) delta.dirs.push(`${root}/${dir}`);
    for (const file of inside.files) if (!skip(`${root}/${file.path}`)) delta.files.push({ ...file, path: `${root}/${file.path}` });
  }
  return delta;
}
