// Correcting mistakes in the real window, on the smallest window the app supports (1024×700):
// every screen fits without sideways scrolling or a heading broken one word per line; a
// provider is renamed, a document's date corrected, a document removed after the question says
// which checklist cell it leaves open, a provider under contract refused with its reason, a
// requirement's maximum age typed in words, a new document's row said and highlighted, and a
// provider removed with what goes along. Screenshots go to $TW_SHOTS.
import { Builder, By, Key, until } from "selenium-webdriver";
import { mkdirSync, readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { windowHelpers } from "./window.mjs";

const app = process.env.TW_APP;
const dataDir = process.env.TW_DATA;
const shots = process.env.TW_SHOTS;
const cliBinary = process.env.TW_CLI;
const portalFile = readFileSync(process.env.TW_PORTAL_FILE ?? "", "utf8");
if (!app || !dataDir || !shots || !cliBinary) throw new Error("TW_APP, TW_DATA, TW_SHOTS and TW_CLI are required");
const cli = (...args) => JSON.parse(execFileSync(cliBinary, ["--data-dir", dataDir, "--json", ...args], { env: { ...process.env, TENDERWACHT_TODAY: "2026-11-23" } }).toString());
mkdirSync(shots, { recursive: true });

const driver = await new Builder()
  .usingServer(process.env.TW_DRIVER ?? "http://127.0.0.1:4444/")
  .withCapabilities({ browserName: "wry", "tauri:options": { application: app, args: ["--data-dir", dataDir] } })
  .build();
const { find, click, type, tab, shot, setValue } = windowHelpers(() => driver, shots);
const textOf = (css) => driver.executeScript("return document.querySelector(arguments[0])?.textContent.trim() ?? ''", css);
const waitText = (css, test, what, ms = 15000) =>
  driver.wait(async () => {
    try {
      return test(await textOf(css));
    } catch {
      return false;
    }
  }, ms, what);
const byName = (css, name) =>
  driver.wait(async () => {
    for (const e of await driver.findElements(By.css(css))) if ((await e.getAttribute("data-name").catch(() => null)) === name) return e;
    return false;
  }, 15000, `no ${css} named ${name}`);
const inRow = async (row, css) => {
  const el = await row.findElement(By.css(css));
  await driver.executeScript("arguments[0].scrollIntoView({ block: 'center' })", el);
  return el;
};

try {
  await driver.manage().window().setRect({ width: 1024, height: 700 });
  await find("nav button");

  // 1. Every screen fits 1024×700: nothing scrolls sideways, no heading wraps word by word.
  const fits = async (name, slug) => {
    await driver.sleep(300);
    const fit = await driver.executeScript(`
      const wide = document.documentElement.scrollWidth - window.innerWidth;
      const broken = [...document.querySelectorAll('h1, h2, h3, .tab, th, button, label')].filter((e) => {
        const r = e.getBoundingClientRect();
        if (r.width === 0 || !e.textContent.trim() || e.querySelector('input, select, textarea, ul, table')) return false;
        const line = parseFloat(getComputedStyle(e).lineHeight) || 18;
        const words = e.textContent.trim().split(/\\s+/).length;
        return words > 1 && r.height > line * words * 0.9 && r.height > line * 1.5;
      }).map((e) => e.textContent.trim());
      const clipped = [...document.querySelectorAll('td.nowrap, td .nowrap')].filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent.trim());
      return { wide, broken, clipped };`);
    if (fit.wide > 0) throw new Error(`${name} scrolls sideways by ${fit.wide}px at 1024×700`);
    if (fit.broken.length) throw new Error(`${name}: one word per line at 1024×700: ${fit.broken.join(" | ")}`);
    if (fit.clipped.length) throw new Error(`${name}: cut off at 1024×700: ${fit.clipped.join(" | ")}`);
    await shot(`k-${slug}-1024x700`);
  };
  for (const [name, slug] of [["Overzicht", "overzicht"], ["Aanbestedingen", "aanbestedingen"], ["Aanbieders", "aanbieders"], ["Checklist", "checklist"], ["Contracten", "contracten"], ["Bronnen", "bronnen"], ["Instellingen", "instellingen"]]) {
    await tab(name);
    await fits(name, slug);
  }

  // 2. A provider renamed; the list follows.
  await tab("Aanbieders");
  await (await byName('[data-testid="provider-item"]', "Zorgboerderij De Eik")).click();
  await click('[data-testid="party-edit-open"]');
  await type('[data-testid="party-edit-name"]', "Zorgboerderij De Eik BV");
  await click('[data-testid="party-edit-save"]');
  await driver.wait(until.elementLocated(By.xpath("//h2[starts-with(., 'Zorgboerderij De Eik BV')]")), 15000);
  await byName('[data-testid="provider-item"]', "Zorgboerderij De Eik BV");

  // 3. A document's issue date corrected; 4. a document removed after the question names the
  //    checklist cell it leaves open.
  let row = await byName('[data-testid="document-row"]', "VOG De Eik.pdf");
  await (await inRow(row, '[data-testid="document-edit"]')).click();
  await setValue('[data-testid="document-edit-issued"]', "2026-11-02");
  await click('[data-testid="document-edit-save"]');
  await driver.wait(async () => cli("document", "list", "--party", "De Eik").some((d) => d.original_name === "VOG De Eik.pdf" && d.issue_date === "2026-11-02"), 15000, "the VOG's date corrected");
  row = await byName('[data-testid="document-row"]', "KvK De Eik.pdf");
  await (await inRow(row, '[data-testid="document-remove"]')).click();
  await waitText('[data-testid="document-remove-question"]', (q) => q.includes("1 koppeling in een checklist"), "the question names the checklist link");
  await shot("k1-document-verwijderen-vraag");
  await click('[data-testid="document-remove-yes"]');
  await driver.wait(async () => !cli("document", "list", "--party", "De Eik", "--all").some((d) => d.original_name === "KvK De Eik.pdf"), 15000, "the KvK removed");
  await waitText(".toast", (t) => t.includes("is verwijderd"), "a toast says so");

  // 5. A new document: its row is highlighted and the form says what was stored.
  const fileInput = await find('[data-testid="document-file"]');
  await setValue('[data-testid="document-type"]', "kvk");
  await driver.executeScript(
    "const i = arguments[0]; const dt = new DataTransfer();" +
      "dt.items.add(new File([new TextEncoder().encode('%PDF-1.4 KvK nieuw')], 'KvK De Eik nieuw.pdf', { type: 'application/pdf' }));" +
      "i.files = dt.files; i.dispatchEvent(new Event('change', { bubbles: true }));",
    fileInput,
  );
  await setValue('[data-testid="document-issued"]', "2026-11-20");
  await click('[data-testid="document-save"]');
  await waitText('[data-testid="document-saved"]', (t) => t.startsWith("KvK-uittreksel opgeslagen") || t.includes("opgeslagen:"), "the form says what was stored");
  await driver.wait(async () => (await driver.findElements(By.css('tr.fresh[data-name="KvK De Eik nieuw.pdf"]'))).length === 1, 15000, "the new row is highlighted");
  await shot("k2-nieuw-document-gemarkeerd");

  // 6. A provider under contract cannot be removed: the reason, and only "Terug".
  await (await byName('[data-testid="provider-item"]', "Het Anker")).click();
  await driver.wait(until.elementLocated(By.xpath("//h2[starts-with(., 'Het Anker')]")), 15000);
  await click('[data-testid="party-remove"]');
  await waitText('[data-testid="party-remove-blocked"]', (t) => t.includes("1 contract") && t.includes("inactief"), "removal refused with its reason");
  if ((await driver.findElements(By.css('[data-testid="party-remove-yes"]'))).length) throw new Error("a blocked removal offers 'Ja'");
  await shot("k3-verwijderen-geweigerd");

  // 6b. A contract opens from the keyboard, and its product reads "45A04 Begeleiding individueel".
  await tab("Contracten");
  const contractRow = await find('[data-testid="contract-row"]');
  await driver.executeScript("arguments[0].focus()", contractRow);
  await contractRow.sendKeys(Key.ENTER);
  await waitText('[data-testid="contract-products-shown"]', (t) => t === "45A04 Begeleiding individueel", "code and name apart");

  // 7. A requirement's maximum age typed in words.
  await tab("Aanbestedingen");
  await driver.wait(
    () => driver.executeScript(`
      const r = [...document.querySelectorAll('[data-testid="tender-row"]')].find((r) => r.textContent.includes('Jeugdhulp Assen 2027'));
      if (r) r.click();
      return !!document.querySelector('[data-testid="requirement-row"]');`),
    15000,
    "the tender opens",
  );
  row = await driver.wait(async () => (await driver.findElements(By.css('[data-testid="requirement-row"]'))).find(Boolean), 15000, "requirements shown");
  await fits("the tender's detail", "aanbesteding-detail");
  row = (await driver.findElements(By.css('[data-testid="requirement-row"]')))[0];
  await (await inRow(row, '[data-testid="requirement-edit"]')).click();
  await type('[data-testid="requirement-edit-age"]', "drie maanden");
  await click('[data-testid="requirement-edit-save"]');
  await driver.wait(async () => (await textOf('[data-testid="requirements"]')).includes("max. 3 maanden oud"), 15000, "the maximum age shown in words");
  await shot("k4-eis-bewerkt");

  // 7b. A saved portal file imported in the app: read first (nothing stored), then imported.
  await tab("Aanbestedingen");
  const portal = await find('[data-testid="portal-file"]');
  await driver.executeScript(
    "const i = arguments[0]; const dt = new DataTransfer();" +
      "dt.items.add(new File([arguments[1]], 'tenderned-lijst.json', { type: 'application/json' }));" +
      "i.files = dt.files; i.dispatchEvent(new Event('change', { bubbles: true }));",
    portal,
    portalFile,
  );
  await waitText('[data-testid="portal-preview"]', (t) => t.includes("4 publicaties gelezen") && t.includes("Nog niets opgeslagen"), "the file is read first");
  if (cli("tender", "list").length !== 1) throw new Error("the preview stored something");
  await shot("k6-portaalbestand-voorbeeld");
  await click('[data-testid="portal-commit"]');
  await driver.wait(async () => cli("tender", "list").length === 5, 15000, "four publications imported");

  // 8. A provider removed, after the question says what goes with it.
  await tab("Aanbieders");
  await (await byName('[data-testid="provider-item"]', "Zorgboerderij De Eik BV")).click();
  await click('[data-testid="party-remove"]');
  await waitText('[data-testid="party-remove-question"]', (q) => q.includes("documenten") && q.includes("1 inschrijving"), "the question lists what goes along");
  await shot("k5-aanbieder-verwijderen-vraag");
  await click('[data-testid="party-remove-yes"]');
  await driver.wait(async () => !cli("provider", "list", "--all").some((p) => p.name.startsWith("Zorgboerderij De Eik")), 15000, "De Eik removed");
  await driver.wait(async () => (await driver.findElements(By.css('[data-testid="provider-item"][data-name="Zorgboerderij De Eik BV"]'))).length === 0, 15000, "gone from the list");

  // 9. A restore is undone in the app: a backup made, restored, and the database it set aside
  //    put back from "Bewaard bij een herstel".
  await tab("Instellingen");
  await click('[data-testid="backup-now"]');
  await waitText('[data-testid="backups"] .ok', (t) => t.startsWith("Back-up gemaakt"), "a backup is made");
  await driver.wait(until.elementLocated(By.xpath("//*[@data-testid='backups']//button[text()='Terugzetten…']")), 15000);
  await driver.executeScript("[...document.querySelectorAll('[data-testid=\"backups\"] button')].find((b) => b.textContent === 'Terugzetten…').click()");
  await driver.executeScript("[...document.querySelectorAll('[data-testid=\"backups\"] button')].find((b) => b.textContent === 'Ja, terugzetten').click()");
  await click('[data-testid="kept-restore"]');
  await click('[data-testid="kept-restore-yes"]');
  await waitText('[data-testid="toast"]', (t) => t.includes("staat weer klaar"), "the restore is undone");
  await shot("k7-herstel-ongedaan");

  console.log("e2e corrections: ok");
} catch (e) {
  await shot("k-fout").catch(() => {});
  throw e;
} finally {
  await driver.quit();
}
