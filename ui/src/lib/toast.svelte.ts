// A short message at the bottom of the window after an action ("Contract verlengd tot 28 feb
// 2027"), gone after a few seconds; screen readers hear it (role=status in App.svelte).
class Toast {
  message = $state<string | null>(null);
  private timer: ReturnType<typeof setTimeout> | undefined;

  say(message: string, ms = 5000) {
    this.message = message;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => (this.message = null), ms);
  }
}

export const toast = new Toast();
