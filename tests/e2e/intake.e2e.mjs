// End to end in the real window: an e-mail (written by the Rust test) carrying a provider's HKZ
// certificate and policy schedule is dropped in Aanbieders › Binnengekomen; each attachment shows
// the type, provider and dates read from it, with where they were read; "Alle zekere opslaan"
// stores both as the provider's documents (checked by the Rust test). Then, in Instellingen, the
// consultant adds "Keurmerk Zorg & Welzijn" to the HKZ type with the keyboard, and a certificate of
// that name and a photographed policy (read with OCR, its dates "onzeker") arrive and are typed.
// Screenshots go to $TW_SHOTS.
import { Builder, By, until } from "selenium-webdriver";
import { readFileSync, mkdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { windowHelpers } from "./window.mjs";

const { TW_APP: app, TW_DATA: dataDir, TW_SHOTS: shots, TW_CLI: cliBinary, TW_DRIVER: driverUrl, TW_MAIL: mail, TW_MARK: mark, TW_PHOTO: photo } = process.env;
if (!app || !dataDir || !shots || !cliBinary || !mail || !mark || !photo) throw new Error("TW_APP, TW_DATA, TW_SHOTS, TW_CLI, TW_MAIL, TW_MARK and TW_PHOTO are required");
mkdirSync(shots, { recursive: true });
const cli = (...args) => execFileSync(cliBinary, ["--data-dir", dataDir, ...args], { env: { ...process.env, TENDERWACHT_TODAY: "2026-11-23" } });
cli("provider", "add", "--name", "Zorgboerderij De Eik", "--kvk", "12345678", "--place", "Gieten");

const driver = await new Builder()
  .usingServer(driverUrl ?? "http://127.0.0.1:4444/")
  .withCapabilities({ browserName: "wry", "tauri:options": { application: app, args: ["--data-dir", dataDir, "--today", "2026-11-23"] } })
  .build();
const { find, click, tab, shot, pick, setValue } = windowHelpers(() => driver, shots);

try {
  await driver.manage().window().setRect({ width: 1280, height: 800 });
  await tab("Aanbieders");
  await click('[data-testid="intake-open"]');
  await find('[data-testid="intake-empty"]');
  await pick('[data-testid="intake-files"]', "Documenten De Eik.eml", readFileSync(mail), "message/rfc822");
  await driver.wait(async () => (await driver.findElements(By.css('[data-testid="intake-item"]'))).length === 2, 20000, "two attachments in Binnengekomen");
  const items = await driver.findElements(By.css('[data-testid="intake-item"]'));
  const texts = await Promise.all(items.map((i) => i.getText()));
  const hkz = texts.find((t) => t.includes("certificaat.pdf")) ?? "";
  if (!hkz.includes("Datum uitgifte: 12-03-2025") || !hkz.includes("KvK-nummer 12345678 in het document")) throw new Error(`HKZ item: ${hkz}`);
  await driver.sleep(300);
  await shot("i1-binnengekomen");
  await click('[data-testid="intake-store-sure"]');
  await driver.wait(async () => (await (await find('[data-testid="intake-said"]')).getText()).includes("opgeslagen"), 15000, "stored");
  await find('[data-testid="intake-empty"]');
  await driver.sleep(300);
  await shot("i2-opgeslagen");
  (await driver.wait(until.elementLocated(By.css('[data-testid="provider-item"][data-name="Zorgboerderij De Eik"]')), 15000)).click();
  await driver.sleep(500);
  await shot("i3-documenten-van-de-aanbieder");

  // Instellingen: the HKZ type also known by a body's own name, typed and entered from the keyboard.
  await tab("Instellingen");
  await setValue('[data-testid="type-words-type"]', "hkz");
  const phrase = await find('[data-testid="type-words-phrase"]');
  await driver.executeScript("arguments[0].scrollIntoView({ block: 'center' })", phrase);
  await phrase.sendKeys("Keurmerk Zorg & Welzijn", "\uE007");
  await driver.wait(async () => (await (await find('[data-testid="type-words-said"]')).getText()).includes("Keurmerk Zorg & Welzijn"), 15000, "word saved");
  const chips = await Promise.all((await driver.findElements(By.css('[data-testid="type-word"]'))).map((c) => c.getText()));
  if (!chips.some((c) => c.includes("Keurmerk Zorg & Welzijn"))) throw new Error(`words shown: ${chips}`);
  await driver.sleep(300);
  await shot("i4-herkenningswoorden");

  await tab("Aanbieders");
  await click('[data-testid="intake-open"]');
  await pick('[data-testid="intake-files"]', "keurmerk.pdf", readFileSync(mark), "application/pdf");
  await driver.wait(async () => (await driver.findElements(By.css('[data-testid="intake-item"]'))).length === 1, 20000, "the quality mark waits");
  await pick('[data-testid="intake-files"]', "IMG_2041.jpg", readFileSync(photo), "image/jpeg");
  await driver.wait(async () => (await driver.findElements(By.css('[data-testid="intake-item"]'))).length === 2, 30000, "the photo waits");
  const waiting = await Promise.all((await driver.findElements(By.css('[data-testid="intake-item"]'))).map((i) => i.getText()));
  const markText = waiting.find((t) => t.includes("keurmerk.pdf")) ?? "";
  const photoText = waiting.find((t) => t.includes("IMG_2041.jpg")) ?? "";
  if (!markText.includes("Keurmerk Zorg")) throw new Error(`quality mark: ${markText}`);
  if (!photoText.includes("OCR") || !photoText.includes("onzeker")) throw new Error(`photo: ${photoText}`);
  const types = await driver.executeScript(
    "return [...document.querySelectorAll('[data-testid=intake-item]')].map((i) => [i.dataset.name, i.querySelector('select').value])",
  );
  const typeOf = Object.fromEntries(types);
  if (typeOf["keurmerk.pdf"] !== "hkz" || typeOf["IMG_2041.jpg"] !== "avb") throw new Error(`types chosen: ${JSON.stringify(types)}`);
  await driver.sleep(300);
  await shot("i5-keurmerk-en-foto");
  console.log("e2e intake: ok");
} finally {
  await driver.quit();
}
