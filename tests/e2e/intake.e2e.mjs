// End to end in the real window: an e-mail (written by the Rust test) carrying a provider's HKZ
// certificate and policy schedule is dropped in Aanbieders › Binnengekomen; each attachment shows
// the type, provider and dates read from it, with where they were read; "Alle zekere opslaan"
// stores both as the provider's documents (checked by the Rust test). Screenshots go to $TW_SHOTS.
import { Builder, By, until } from "selenium-webdriver";
import { readFileSync, mkdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { windowHelpers } from "./window.mjs";

const { TW_APP: app, TW_DATA: dataDir, TW_SHOTS: shots, TW_CLI: cliBinary, TW_DRIVER: driverUrl, TW_MAIL: mail } = process.env;
if (!app || !dataDir || !shots || !cliBinary || !mail) throw new Error("TW_APP, TW_DATA, TW_SHOTS, TW_CLI and TW_MAIL are required");
mkdirSync(shots, { recursive: true });
const cli = (...args) => execFileSync(cliBinary, ["--data-dir", dataDir, ...args], { env: { ...process.env, TENDERWACHT_TODAY: "2026-11-23" } });
cli("provider", "add", "--name", "Zorgboerderij De Eik", "--kvk", "12345678", "--place", "Gieten");

const driver = await new Builder()
  .usingServer(driverUrl ?? "http://127.0.0.1:4444/")
  .withCapabilities({ browserName: "wry", "tauri:options": { application: app, args: ["--data-dir", dataDir, "--today", "2026-11-23"] } })
  .build();
const { find, click, tab, shot, pick } = windowHelpers(() => driver, shots);

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
  console.log("e2e intake: ok");
} finally {
  await driver.quit();
}
