/**
 * The onboarding tour: open or not, and the one-time offer on a first visit (remembered in
 * localStorage, so dismissing it or taking the tour means it is not offered again).
 */
const OFFERED = 'skeldir.tour.offered';

function wasOffered(): boolean {
  try {
    return globalThis.localStorage?.getItem(OFFERED) === '1';
  } catch {
    return false;
  }
}

function markOffered(): void {
  try {
    globalThis.localStorage?.setItem(OFFERED, '1');
  } catch {
    /* storage unavailable: the offer shows again next visit, harmless */
  }
}

export class TourState {
  open = $state(false);
  /** The first-visit offer is showing. */
  offer = $state(!wasOffered());

  start() {
    this.dismissOffer();
    this.open = true;
  }

  close() {
    this.open = false;
  }

  dismissOffer() {
    this.offer = false;
    markOffered();
  }
}
