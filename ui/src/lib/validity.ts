// The browser's own form checks speak the operating system's language ("Fill out this field"):
// every refused field gets its message in Dutch instead, once for the whole window.

function dutch(el: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement): string {
  const v = el.validity;
  if (v.valueMissing) return el instanceof HTMLSelectElement ? "Kies een van de mogelijkheden." : "Vul dit veld in.";
  if (v.typeMismatch) return el.type === "email" ? "Vul een e-mailadres in, bijv. naam@voorbeeld.nl." : el.type === "url" ? "Vul een webadres in, bijv. https://www.voorbeeld.nl." : "Deze waarde past hier niet.";
  if (v.rangeUnderflow) return `Vul ${(el as HTMLInputElement).min} of meer in.`;
  if (v.rangeOverflow) return `Vul ${(el as HTMLInputElement).max} of minder in.`;
  if (v.stepMismatch || v.badInput) return "Vul een geheel getal in.";
  if (v.tooLong) return "Deze tekst is te lang.";
  if (v.tooShort) return "Deze tekst is te kort.";
  if (v.patternMismatch) return el.title || "Deze waarde heeft niet de juiste vorm.";
  return "Deze waarde klopt niet.";
}

export function dutchValidity(root: Document) {
  root.addEventListener(
    "invalid",
    (e) => {
      const el = e.target;
      if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement)) return;
      // A field's own Dutch message (a date field's) stays; the browser's are replaced.
      if (el.validity.customError) return;
      el.setCustomValidity(dutch(el));
      const clear = () => (el.setCustomValidity(""), el.removeEventListener("input", clear), el.removeEventListener("change", clear));
      el.addEventListener("input", clear);
      el.addEventListener("change", clear);
    },
    true,
  );
}
