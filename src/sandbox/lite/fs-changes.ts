/**
 * What the lite file system tells the change log: each mutating call names the paths it touches (absolute, as
 * just-bash passes them); those inside the work dir are noted, work-dir-relative. A link (symbolic or hard)
 * lets a write through one path change what another path reads, so once one is made the log goes blind and
 * every checkpoint reads the whole work dir, as before.
 */
import { ChangeLog } from '../../changes/change-log';
import { isInsideWorkdir, normalizePosix, relativeToWorkdir } from '../paths';
import { WORKDIR } from '../sandbox';
import { isSameOrAbove } from './workdir-guard';

/** The change log of one lite file system, fed path by path. */
export class FsChanges {
  readonly log = new ChangeLog();

  /** `path` was written, made, removed or had its mode changed (with everything under it). */
  touched(path: string): void {
    const absolute = normalizePosix(path);
    if (isInsideWorkdir(absolute)) this.log.note(relativeToWorkdir(absolute));
    // the guard refuses to take the work dir away, but a restore may still replace everything
    else if (isSameOrAbove(absolute, WORKDIR)) this.log.note('');
  }

  /** A link was made: from now on changes cannot be told path by path. */
  linked(): void {
    this.log.blind();
  }
}
