import { describe, expect, it } from 'vitest';
import { exportedBy, spawnCwd } from '../../../src/sandbox/webcontainer/session-state';

describe('what a typed line exports', () => {
  it('reads plain, quoted and chained exports, and nothing else', () => {
    expect(exportedBy(`export A=1 B='x y' C="q\\"z" && npm run dev; export D=4`)).toEqual({ A: '1', B: 'x y', C: 'q"z', D: '4' });
    expect(exportedBy('echo export A=1')).toEqual({});
    expect(exportedBy('export')).toEqual({});
    expect(exportedBy('export PATH=$PATH:/x')).toEqual({});
  });

  it('turns pwd into a spawn cwd inside the work dir only', () => {
    expect(spawnCwd('/home/project\n')).toEqual('.');
    expect(spawnCwd('/home/project/a/b\n')).toEqual('a/b');
    expect(spawnCwd('/tmp\n')).toEqual(undefined);
  });
});
