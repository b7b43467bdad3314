// What every end-to-end script does with the window: find, click, type, set a value as the
// browser would, switch tabs and take a screenshot. `driverOf()` gives the current session, so a
// script may restart the app (a new session) and keep using the same helpers.
import { By, until } from "selenium-webdriver";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

export function windowHelpers(driverOf, shots) {
  const find = (css) => driverOf().wait(until.elementLocated(By.css(css)), 15000);
  const click = async (css) => {
    const el = await find(css);
    await driverOf().wait(until.elementIsVisible(el), 15000);
    await driverOf().executeScript("arguments[0].scrollIntoView({ block: 'center' })", el);
    await el.click();
  };
  const type = async (css, text) => {
    const el = await find(css);
    await el.clear();
    await el.sendKeys(text);
  };
  // Date, datetime and select inputs: set the value as the browser would and fire the events.
  const setValue = async (css, value) => {
    const el = await find(css);
    await driverOf().executeScript(
      "const e = arguments[0]; e.value = arguments[1]; e.dispatchEvent(new Event('input', { bubbles: true })); e.dispatchEvent(new Event('change', { bubbles: true }));",
      el,
      value,
    );
  };
  const tab = async (name) => {
    await find("nav button");
    for (const b of await driverOf().findElements(By.css("nav button"))) {
      if ((await b.getText()) === name) return b.click();
    }
    throw new Error(`no tab ${name}`);
  };
  const shot = async (name) => writeFileSync(join(shots, `${name}.png`), await driverOf().takeScreenshot(), "base64");
  // Puts a file into a file input as a person picking it would.
  const pick = async (css, name, bytes, type) => {
    const input = await find(css);
    await driverOf().executeScript(
      "const [i, name, b64, type] = arguments; const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));" +
        "const dt = new DataTransfer(); dt.items.add(new File([bin], name, { type })); i.files = dt.files;" +
        "i.dispatchEvent(new Event('change', { bubbles: true }));",
      input,
      name,
      Buffer.from(bytes).toString("base64"),
      type,
    );
  };
  return { find, click, type, setValue, tab, shot, pick };
}
