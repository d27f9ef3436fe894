/** Whether the person dismissed the lite sandbox banner (remembered for this tab): then a chip in the header brings it back. */
const KEY = 'autopilot.lite-banner';

/** The banner's one switch, shared by the banner and the header's chip. */
export class BannerChoice {
  dismissed = $state(read());

  dismiss(value: boolean): void {
    this.dismissed = value;
    try {
      if (value) sessionStorage.setItem(KEY, 'dismissed');
      else sessionStorage.removeItem(KEY);
    } catch {
      // storage refused: the choice lasts for this page load
    }
  }
}

function read(): boolean {
  try {
    return sessionStorage.getItem(KEY) === 'dismissed';
  } catch {
    return false;
  }
}
