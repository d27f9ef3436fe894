/** The sandbox's state as the page shows it; the composition root moves it from booting to ready or failed. */
import type { SandboxState } from '../../api/types';

/** A reactive holder of the SandboxState. */
export class SandboxView {
  current = $state<SandboxState>({ state: 'booting' });
}
