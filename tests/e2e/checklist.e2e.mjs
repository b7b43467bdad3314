// End to end in the real Tenderwacht window (tauri-driver + WebKitWebDriver under Xvfb):
// start on an empty data folder (the first-start guide), let tenderwacht-cli add tenders while the
// window is open, create a provider, upload a KvK extract, create a tender with a closing date, add a bid, see
// "gereed" for the extract and "ontbreekt" for the rest; move the closing date so the extract is
// too old at closing and see the cell change. Screenshots go to $TW_SHOTS.
import { Builder, By, until } from "selenium-webdriver";
import { writeFileSync, mkdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { windowHelpers } from "./window.mjs";

const app = process.env.TW_APP;
const dataDir = process.env.TW_DATA;
const shots = process.env.TW_SHOTS;
const cliBinary = process.env.TW_CLI;
const seedDetail = process.env.TW_SEED_DETAIL;
const seedFlagged = process.env.TW_SEED_FLAGGED;
const feedUrl = process.env.TW_FEED_URL;
if (!app || !dataDir || !shots || !cliBinary || !seedDetail || !seedFlagged || !feedUrl) {
  throw new Error("TW_APP, TW_DATA, TW_SHOTS, TW_CLI, TW_SEED_DETAIL, TW_SEED_FLAGGED and TW_FEED_URL are required");
}
// tenderwacht-cli on the same data folder, while the window is open.
const cli = (...args) => execFileSync(cliBinary, ["--data-dir", dataDir, ...args], { env: { ...process.env, TENDERWACHT_TODAY: "2026-11-23" } });
mkdirSync(shots, { recursive: true });

const driver = await new Builder()
  .usingServer(process.env.TW_DRIVER ?? "http://127.0.0.1:4444/")
  .withCapabilities({ browserName: "wry", "tauri:options": { application: app, args: ["--data-dir", dataDir] } })
  .build();

const { find, click, type, setValue, tab, shot } = windowHelpers(() => driver, shots);
const statusOf = async (requirement) => {
  const chip = await find(`[data-testid="checklist-row"][data-requirement="${requirement}"] [data-status]`);
  return chip.getAttribute("data-status");
};
const waitStatus = async (requirement, expected) => {
  await driver.wait(async () => {
    try {
      return expected.includes(await statusOf(requirement));
    } catch {
      return false;
    }
  }, 15000, `${requirement} should become ${expected.join(" or ")}`);
};
// Opens a tender from the list by (part of) its title; the list is sorted by closing date, so
// position says nothing.
const openTender = async (title) =>
  (await driver.wait(until.elementLocated(By.xpath(`//tr[@data-testid='tender-row']/td[contains(., '${title}')]`)), 15000)).click();

try {
  await driver.manage().window().setRect({ width: 1280, height: 800 });
  console.error("step 0");
  // 0. An empty data folder: the Overzicht says where to begin.
  await find('[data-testid="first-start"]');
  await shot("0-eerste-start");
  // A colleague's CLI adds a portal publication and a tender typed in with markup and tricks in
  // every text field (for the window to show literally) while the window is open.
  cli("tender", "import", seedDetail);
  const rtl = "\u202egnidnebsaanA\u202c ";
  cli(
    "tender", "add",
    "--title", `<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> Jeugdhulp pwned ${rtl.repeat(3)}`,
    "--buyer", '<b onmouseover="window.__pwned=3">Gemeente</b> Assen',
    "--region", "Drenthe", "--procedure", "openbaar", "--domain", "jeugdwet",
    "--description", `<iframe src="javascript:window.__pwned=4"></iframe> ${"lange tekst ".repeat(300)}`,
    "--link", "https://example.org/?q=%3Cscript%3E",
  );

  console.error("step 1");
  // 1. A provider, from the guide's link.
  await driver.wait(async () => {
    for (const b of await driver.findElements(By.css('[data-testid="first-start"] button'))) {
      if ((await b.getText()) === "Aanbieders toevoegen") return b.click().then(() => true);
    }
    return false;
  }, 15000, "the first-start guide links to Aanbieders");
  await click('[data-testid="new-provider"]');
  await type('[data-testid="provider-name"]', "Zorgboerderij De Eik");
  await type('[data-testid="provider-kvk"]', "1234 5678");
  await click('[data-testid="provider-save"]');
  await driver.wait(until.elementLocated(By.xpath("//h2[text()='Zorgboerderij De Eik']")), 15000);

  console.error("step 2");
  // 2. Its KvK extract, issued 1 October 2026 (valid at a closing up to 1 April 2027).
  const fileInput = await find('[data-testid="document-file"]');
  // A file named like "VOG De Eik 15-09-2026.pdf" fills the type and the issue date.
  await driver.executeScript(
    "const i = arguments[0]; const dt = new DataTransfer();" +
      "dt.items.add(new File([new TextEncoder().encode('%PDF-1.4 VOG')], 'VOG De Eik 15-09-2026.pdf', { type: 'application/pdf' }));" +
      "i.files = dt.files; i.dispatchEvent(new Event('change', { bubbles: true }));",
    fileInput,
  );
  await find('[data-testid="document-guess"]');
  const guessed = [await (await find('[data-testid="document-type"]')).getAttribute("value"), await (await find('[data-testid="document-issued"]')).getAttribute("value")];
  if (guessed.join(" ") !== "vog 15-09-2026") throw new Error(`type and date not taken from the file name: ${guessed}`);
  await setValue('[data-testid="document-type"]', "kvk");
  await setValue('[data-testid="document-issued"]', "2026-10-01");
  await driver.executeScript(
    "const i = arguments[0]; const dt = new DataTransfer();" +
      "dt.items.add(new File([new TextEncoder().encode('%PDF-1.4 KvK De Eik')], 'KvK De Eik.pdf', { type: 'application/pdf' }));" +
      "i.files = dt.files; i.dispatchEvent(new Event('change', { bubbles: true }));",
    fileInput,
  );
  await click('[data-testid="document-save"]');
  await driver.wait(until.elementLocated(By.xpath("//td[text()='KvK De Eik.pdf']")), 15000);
  await shot("1-aanbieder-met-kvk");

  console.error("step 3");
  // 3. A tender closing 15 March 2027, 12:00, with the standard youth-care requirements.
  await tab("Aanbestedingen");
  await click('[data-testid="new-tender"]');
  await type('[data-testid="tender-title"]', "Jeugdhulp Drenthe 2027");
  await type('[data-testid="tender-buyer"]', "Gemeente Assen");
  await setValue('[data-testid="tender-closing"]', "2027-03-15T12:00");
  await setValue('[data-testid="tender-template"]', "Jeugdhulp regionaal (standaard)");
  await click('[data-testid="tender-save"]');

  console.error("step 4");
  // 4. The provider bids.
  await find('[data-testid="bid-save"]');
  await click('[data-testid="bid-save"]');
  await driver.wait(until.elementLocated(By.xpath("//ul[@class and contains(@class,'bids')]/li[contains(., 'Zorgboerderij De Eik')]")), 15000);

  console.error("step 5");
  // 5. The checklist: the extract is ready, the rest is missing.
  await tab("Checklist");
  await waitStatus("KvK-uittreksel", ["gereed"]);
  for (const r of ["Gedragsverklaring Aanbesteden", "HKZ-certificaat", "SKJ-registratie"]) await waitStatus(r, ["ontbreekt"]);
  await shot("2-checklist-gereed");

  console.error("step 6");
  // 6. Move the closing to 15 April 2027: the extract is then over six months old.
  await tab("Aanbestedingen");
  await openTender("Jeugdhulp Drenthe 2027");
  // The closing line is edited in place; the input starts at the current closing (Dutch time).
  await click('li.closing [data-testid="milestone-move"]');
  const current = await (await find('[data-testid="milestone-move-at"]')).getAttribute("value");
  if (current !== "15-03-2027 12:00") throw new Error(`the closing input did not start at the current closing: ${current}`);
  await setValue('[data-testid="milestone-move-at"]', "2027-04-15T12:00");
  await click('[data-testid="milestone-move-save"]');
  await driver.wait(until.elementLocated(By.xpath("//li[contains(@class,'closing')]/span[contains(., '15 apr 2027')]")), 15000);
  await tab("Checklist");
  await waitStatus("KvK-uittreksel", ["te_oud_bij_sluiting"]);
  await shot("3-checklist-te-oud");

  console.error("step 6b");
  // 6b. Fix it from the cell: upload a fresh extract there; the cell turns "gereed".
  await click('[data-testid="checklist-row"][data-requirement="KvK-uittreksel"] button.cell');
  await find('[data-testid="cell-editor"]');
  const cellFile = await find('[data-testid="cell-file"]');
  await driver.executeScript(
    "const i = arguments[0]; const dt = new DataTransfer();" +
      "dt.items.add(new File([new TextEncoder().encode('%PDF-1.4 KvK De Eik nieuw')], 'KvK De Eik januari.pdf', { type: 'application/pdf' }));" +
      "i.files = dt.files; i.dispatchEvent(new Event('change', { bubbles: true }));",
    cellFile,
  );
  await setValue('[data-testid="cell-issued"]', "2026-11-20");
  await click('[data-testid="cell-upload"]');
  await waitStatus("KvK-uittreksel", ["gereed"]);
  await shot("3b-checklist-cel-bijgewerkt");

  console.error("step 7");
  // 7. Submission packs: blocked while documents are missing, then forced (the index marks them).
  await tab("Aanbestedingen");
  await openTender("Jeugdhulp Drenthe 2027");
  await click('[data-testid="make-packs"]');
  await driver.wait(until.elementLocated(By.xpath("//ul[@data-testid='pack-results']/li[contains(., 'niet gemaakt')]")), 30000);
  await click('[data-testid="pack-force"]');
  await click('[data-testid="make-packs"]');
  await driver.wait(until.elementLocated(By.xpath("//ul[@data-testid='pack-results']/li/code[contains(., '.zip')]")), 30000);
  await shot("4-pakketten");

  console.error("step 8");
  // 8. A backup from Instellingen.
  await tab("Instellingen");
  await click('[data-testid="backup-now"]');
  await driver.wait(until.elementLocated(By.xpath("//p[contains(., 'Back-up gemaakt')]")), 30000);
  // Updates are off on a new laptop, and "Nu zoeken" only works once they are turned on (never
  // clicked here: the configured server is on the internet).
  const look = await find('[data-testid="updates-look"]');
  if (await look.isSelected()) throw new Error("updates must be off until turned on");
  if (await (await find('[data-testid="updates-check"]')).isEnabled()) throw new Error("'Nu zoeken' must wait until updates are on");
  await click('[data-testid="updates-look"]');
  await driver.wait(async () => (await find('[data-testid="updates-check"]')).isEnabled(), 15000, "'Nu zoeken' enabled once on");
  await shot("4b-updates");
  await click('[data-testid="updates-look"]');
  await driver.wait(async () => !(await (await find('[data-testid="updates-check"]')).isEnabled()), 15000, "off again");

  console.error("step 8b");
  // 8b. Hostile text shows literally and runs nothing; only http(s) links may be opened.
  await tab("Aanbestedingen");
  await type('input[type="search"]', "pwned");
  const hostileRow = await driver.wait(until.elementLocated(By.xpath("//tr[@data-testid='tender-row']/td[contains(., 'window.__pwned=1')]")), 15000);
  const shown = await hostileRow.getText();
  if (!shown.includes("<script>window.__pwned=1</script>")) throw new Error(`title not shown literally: ${shown}`);
  await hostileRow.click();
  await driver.wait(until.elementLocated(By.xpath("//aside//p[contains(., 'onmouseover')]")), 15000);
  await driver.sleep(300);
  const pwned = await driver.executeScript("return window.__pwned === undefined && document.querySelectorAll('script:not([src]), iframe, img[onerror]').length");
  if (pwned !== 0) throw new Error(`hostile markup became live: ${pwned}`);
  const refused = await driver.executeAsyncScript(
    "const done = arguments[arguments.length - 1];" +
      "window.__TAURI_INTERNALS__.invoke('open_link', { url: 'javascript:alert(1)' }).then(() => done('opened'), (e) => done(e.message || String(e)));",
  );
  if (!/link|webadres/i.test(String(refused))) throw new Error(`javascript: link was not refused: ${refused}`);
  await shot("5-vijandige-tekst");

  console.error("step 8c");
  // 8c. A tender from a portal: its timeline starts with the day it was first published.
  await type('input[type="search"]', "Tynaarlo");
  await openTender("Wmo begeleiding Tynaarlo");
  const published = await driver.wait(until.elementLocated(By.xpath("//ol[contains(@class,'timeline')]/li[1][contains(., 'Publicatie') and contains(., '2 nov 2026')]")), 15000);
  const sluiting = await driver.findElements(By.xpath("//ol[contains(@class,'timeline')]/li[contains(., 'Sluiting') and contains(., '1 feb 2027')]"));
  if (sluiting.length !== 1) throw new Error(`closing not on the timeline after the publication: ${await published.getText()}`);
  await shot("6-tijdlijn-portaal");
  // The phase from the notice shows beside the consultancy's own status.
  const phase = await find('[data-testid="tender-phase"]');
  if ((await phase.getText()) !== "open") throw new Error(`phase of the announced tender: ${await phase.getText()}`);
  // A Nota van Inlichtingen date typed in joins the timeline in date order, and can be removed.
  await setValue('[data-testid="milestone-kind"]', "nota_van_inlichtingen");
  await setValue('[data-testid="milestone-at"]', "2026-12-15T12:00");
  await click('[data-testid="milestone-add"]');
  const nvi = "//ol[contains(@class,'timeline')]/li[2][contains(., 'Nota van inlichtingen') and contains(., '15 dec 2026, 12:00')]";
  await driver.wait(until.elementLocated(By.xpath(nvi)), 15000);
  await shot("6b-tijdlijn-nvi");
  await (await driver.wait(until.elementLocated(By.xpath(`${nvi}//button[contains(@class,'remove')]`)), 15000)).click();
  await driver.wait(async () => (await driver.findElements(By.xpath("//ol[contains(@class,'timeline')]/li[contains(., 'Nota van inlichtingen')]"))).length === 0, 15000, "the NvI milestone is removed");
  // An own milestone without a description is refused, and the reason shows under its form.
  await setValue('[data-testid="milestone-kind"]', "custom");
  await setValue('[data-testid="milestone-at"]', "2026-12-20T10:00");
  await click('[data-testid="milestone-add"]');
  const why = await driver.wait(until.elementLocated(By.xpath("//form[@data-testid='milestone-form']/following-sibling::*[1][@data-testid='form-error']")), 15000);
  if (!(await why.getText()).includes("omschrijving")) throw new Error(`own milestone without a description: ${await why.getText()}`);
  await type('input[type="search"]', " ");

  console.error("step 8d");
  // 8d. The search profile is edited in the window; the last profile cannot be removed.
  await tab("Bronnen");
  await click('[data-testid="profile-edit"]');
  const keywords = await find('[data-testid="profile-keywords"]');
  await keywords.sendKeys(", logeeropvang");
  await driver.sleep(300);
  await shot("7-zoekprofiel-bewerken");
  await click('[data-testid="profile-save"]');
  await driver.wait(until.elementLocated(By.xpath("//tr[@data-testid='profile-row']/td[contains(., 'logeeropvang')]")), 15000);
  await click('[data-testid="profile-edit"]');
  await click('[data-testid="profile-remove"]');
  await click('[data-testid="profile-remove-yes"]');
  const refusal = await find('[data-testid="profile-form"] [data-testid="form-error"]');
  if (!(await refusal.getText()).includes("laatste zoekprofiel")) throw new Error(`last profile removal not refused: ${await refusal.getText()}`);
  if ((await driver.findElements(By.css('[data-testid="profile-row"]'))).length !== 1) throw new Error("the profile is gone");
  await click('[data-testid="profile-form"] .actions button.secondary:not([data-testid])');

  console.error("step 8f");
  // 8f. A source is added in the window: a dry run of the CTM feed shows its first rows before
  // anything is saved; then it is saved and switched off.
  await click('[data-testid="new-source"]');
  await setValue('[data-testid="source-kind"]', "feed");
  await type('[data-testid="source-name"]', "CTM proef");
  await type('[data-testid="source-url"]', feedUrl);
  await click('[data-testid="source-preview"]');
  const outcome = await find('[data-testid="source-preview-result"], [data-testid="source-form"] [data-testid="form-error"]');
  if ((await outcome.getAttribute("data-testid")) !== "source-preview-result") throw new Error(`dry run refused: ${await outcome.getText()}`);
  await driver.wait(until.elementLocated(By.xpath("//*[@data-testid='source-preview-result']//td[contains(., 'Westerkwartier 2027')]")), 20000);
  await driver.sleep(300);
  await shot("7b-bron-proef");
  await click('[data-testid="source-save"]');
  await driver.wait(until.elementLocated(By.xpath("//tr[@data-testid='source-row']/td[contains(., 'CTM proef')]")), 15000);

  console.error("step 8g");
  // 8g. A publication with an implausible closing (2049) is kept, with a visible marker.
  cli("tender", "import", seedFlagged);
  await tab("Aanbestedingen");
  await type('input[type="search"]', "Open House Leeuwarden");
  await openTender("Open House Wmo begeleiding Leeuwarden");
  await driver.wait(until.elementLocated(By.xpath("//aside[contains(@class,'detail')]//h2[contains(., 'Leeuwarden')]")), 15000);
  const flag = await find('[data-testid="tender-flag"]');
  await driver.sleep(300);
  if (!(await flag.getText()).includes("sluitingsdatum onwaarschijnlijk")) throw new Error(`no flag: ${await flag.getText()}`);
  await shot("6c-sluiting-onwaarschijnlijk");
  await type('input[type="search"]', " ");

  console.error("step 8e");
  // 8e. Nothing due in the next four weeks: the Overzicht says what comes after (the actions for
  // the bid's missing documents, such as requesting the Gedragsverklaring in time).
  await tab("Overzicht");
  await driver.wait(until.elementLocated(By.xpath("//*[@data-testid='nothing-soon']//div[contains(@class,'later')]//li[contains(., 'Gedragsverklaring')]")), 15000);
  await shot("8-overzicht-daarna");

  console.error("step 9");
  // 9. Every screen at the two sizes a consultant's laptop and office screen have.
  for (const [w, h] of [[1280, 800], [1920, 1080]]) {
    await driver.manage().window().setRect({ x: 0, y: 0, width: w, height: h });
    for (const [name, slug] of [["Overzicht", "overzicht"], ["Aanbestedingen", "aanbestedingen"], ["Checklist", "checklist"],
      ["Aanbieders", "aanbieders"], ["Bronnen", "bronnen"], ["Instellingen", "instellingen"]]) {
      await tab(name);
      await driver.sleep(400);
      await shot(`scherm-${w}x${h}-${slug}`);
    }
  }
  console.log("e2e: ok");
} finally {
  await driver.quit();
}
