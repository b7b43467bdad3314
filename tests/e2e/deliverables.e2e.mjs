// End to end in the real window: the buyer's leidraad (a PDF written by the Rust test) is read in
// the tender detail; the consultant accepts the KvK-uittreksel and the Prijzenblad it proposes and
// rejects another, attaches the final Prijzenblad to the bid, and makes the pack, which then holds
// it (checked by the Rust test); a later NvI repeats the GVA (one proposal, both places) and asks
// a document no catalogue knows, taken in as a new type. Screenshots go to $TW_SHOTS.
import { Builder, By, until } from "selenium-webdriver";
import { readFileSync, mkdirSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { windowHelpers } from "./window.mjs";

const { TW_APP: app, TW_DATA: dataDir, TW_SHOTS: shots, TW_CLI: cliBinary, TW_DRIVER: driverUrl, TW_LEIDRAAD: leidraad, TW_NVI: nvi } = process.env;
if (!app || !dataDir || !shots || !cliBinary || !leidraad || !nvi) throw new Error("TW_APP, TW_DATA, TW_SHOTS, TW_CLI, TW_LEIDRAAD and TW_NVI are required");
mkdirSync(shots, { recursive: true });
const cli = (...args) => execFileSync(cliBinary, ["--data-dir", dataDir, ...args], { env: { ...process.env, TENDERWACHT_TODAY: "2026-11-23" } });

cli("provider", "add", "--name", "Zorgboerderij De Eik", "--kvk", "12345678", "--place", "Gieten");
cli("tender", "add", "--title", "Jeugdhulp Noord-Drenthe 2027", "--buyer", "Gemeente Tynaarlo", "--status", "inschrijven", "--closing", "2027-01-15 12:00");
cli("bid", "add", "Jeugdhulp Noord-Drenthe", "--party", "De Eik");
const kvk = join(dataDir, "..", "kvk-de-eik.pdf");
writeFileSync(kvk, "%PDF-1.4 KvK De Eik");
cli("document", "add", "--party", "De Eik", "--type", "kvk", "--file", kvk, "--issued", "2026-11-01");

const driver = await new Builder()
  .usingServer(driverUrl ?? "http://127.0.0.1:4444/")
  .withCapabilities({ browserName: "wry", "tauri:options": { application: app, args: ["--data-dir", dataDir, "--today", "2026-11-23"] } })
  .build();
const { find, click, setValue, tab, shot, pick } = windowHelpers(() => driver, shots);
const proposal = (text) => driver.wait(until.elementLocated(By.xpath(`//li[@data-testid='proposal'][.//strong[contains(., '${text}')]]`)), 15000);

try {
  await driver.manage().window().setRect({ width: 1280, height: 800 });
  await tab("Aanbestedingen");
  (await driver.wait(until.elementLocated(By.xpath("//tr[@data-testid='tender-row']/td[contains(., 'Jeugdhulp Noord-Drenthe')]")), 15000)).click();

  // 1. The leidraad picked from disk is read: proposals with their sentence, file and page.
  await pick('[data-testid="propose-file"]', "Aanbestedingsleidraad.pdf", readFileSync(leidraad), "application/pdf");
  const kvkProposal = await proposal("KvK-uittreksel");
  await driver.executeScript("arguments[0].scrollIntoView({ block: 'start' })", kvkProposal);
  const text = await kvkProposal.getText();
  if (!text.includes("max. 6 maanden oud") || !text.includes("niet ouder is dan zes maanden") || !text.includes("Aanbestedingsleidraad.pdf, pagina")) {
    throw new Error(`KvK proposal: ${text}`);
  }
  // The leidraad's upload rule is offered beside the proposals and taken over on request.
  const hints = await driver.wait(until.elementLocated(By.css('[data-testid="upload-hints"]')), 15000);
  if (!(await hints.getText()).includes("25,0 MB")) throw new Error(`upload hints: ${await hints.getText()}`);
  await driver.sleep(300);
  await shot("d1-eisen-uit-de-stukken");
  const take = await hints.findElement(By.css('[data-testid="upload-hints-take"]'));
  await driver.executeScript("arguments[0].scrollIntoView({ block: 'center' })", take);
  await take.click();
  await driver.wait(until.elementLocated(By.css('[data-testid="upload-hints-taken"]')), 15000);
  const rules = JSON.parse(cli("--json", "tender", "upload-rules", "Jeugdhulp Noord-Drenthe").toString());
  if (rules.max_file_bytes !== 25000000) throw new Error(`upload rules not taken: ${JSON.stringify(rules)}`);

  // 2. Accept the KvK-uittreksel and the Prijzenblad, reject the HKZ-certificaat. A button is
  //    scrolled to the middle first: the top bar stays in view and would take a click at the top.
  const press = async (el) => {
    await driver.executeScript("arguments[0].scrollIntoView({ block: 'center' })", el);
    await el.click();
  };
  await press(await kvkProposal.findElement(By.css('[data-testid="proposal-accept"]')));
  await driver.wait(async () => (await driver.findElements(By.xpath("//ul[@data-testid='requirements']/li[contains(., 'KvK-uittreksel')]"))).length === 1, 15000);
  await press(await (await proposal("Prijzenblad")).findElement(By.css('[data-testid="proposal-accept"]')));
  await driver.wait(async () => (await driver.findElements(By.xpath("//ul[@data-testid='requirements']/li[contains(., 'Prijzenblad')]"))).length === 1, 15000);
  await press(await (await proposal("HKZ")).findElement(By.css('[data-testid="proposal-reject"]')));
  await driver.wait(async () => (await driver.findElements(By.xpath("//li[@data-testid='proposal'][.//strong[contains(., 'HKZ')]]"))).length === 0, 15000);

  // 3. The Prijzenblad of De Eik: open, attach the final version; it turns "gereed".
  const row = await driver.wait(until.elementLocated(By.css('[data-testid="deliverable-row"][data-requirement="Prijzenblad"]')), 15000);
  await driver.executeScript("arguments[0].scrollIntoView({ block: 'center' })", row);
  await row.click();
  await pick('[data-testid="deliverable-file"]', "Prijzenblad De Eik.xlsx", Buffer.from("PK\u0003\u0004 prijzenblad De Eik definitief"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  await click('[data-testid="deliverable-attach"]');
  await driver.wait(async () => {
    const chip = await driver.findElement(By.css('[data-testid="deliverable-row"][data-requirement="Prijzenblad"] .chip'));
    return (await chip.getAttribute("data-status")) === "gereed";
  }, 15000, "the Prijzenblad should become gereed");
  const versions = await find('[data-testid="deliverable-versions"]');
  await driver.executeScript("arguments[0].scrollIntoView({ block: 'center' })", versions);
  await driver.sleep(300);
  await shot("d2-prijzenblad-definitief");

  // 4. The pack: complete, holding the Prijzenblad.
  await click('[data-testid="make-packs"]');
  const results = await find('[data-testid="pack-results"]');
  await driver.wait(async () => (await results.getText()).includes("Compleet"), 15000, "the pack should be complete");
  await driver.executeScript("arguments[0].scrollIntoView({ block: 'center' })", results);
  await driver.sleep(300);
  await shot("d3-pakket-compleet");

  // 5. A later document asks a document the catalogue does not know: proposed by its name with the
  //    type it could become, and taken into the catalogue in one press.
  await pick('[data-testid="propose-file"]', "Nota van Inlichtingen.pdf", readFileSync(nvi), "application/pdf");
  const unknown = await proposal("Bestuursverklaring");
  // The NvI asks the GVA the leidraad asked: one proposal, with both places.
  const gva = await proposal("Gedragsverklaring");
  const also = await gva.findElement(By.css('[data-testid="proposal-also"]'));
  if (!(await also.getText()).includes("Nota van Inlichtingen.pdf")) throw new Error(`GVA sources: ${await also.getText()}`);
  const offer = await unknown.findElement(By.css('[data-testid="proposal-new-type"]'));
  if (!(await offer.getText()).includes("verloopt niet")) throw new Error(`new type offer: ${await offer.getText()}`);
  await driver.executeScript("arguments[0].scrollIntoView({ block: 'start' })", gva);
  await driver.sleep(300);
  await shot("d4-nieuwe-documentsoort");
  await press(await unknown.findElement(By.css('[data-testid="proposal-accept-type"]')));
  await driver.wait(async () => (await driver.findElements(By.xpath("//ul[@data-testid='requirements']/li[contains(., 'Bestuursverklaring')]"))).length === 1, 15000);
  const types = JSON.parse(cli("--json", "catalogue", "list").toString());
  if (!types.some((t) => t.code === "bestuursverklaring")) throw new Error("the new type is not in the catalogue");
  console.log("e2e deliverables: ok");
} finally {
  await driver.quit();
}
