/**
 * Every page on a phone (390x844) and a tablet (768x1024), touch screens both, and on a desktop
 * (1280x800): nothing wider than the screen, no code editor under anything (a toolbar, a badge, a
 * button), dialogs and popovers on screen, and on a touch screen every control at least 44 px
 * square and none of them invisible (shown on hover). axe-core finds no serious or critical WCAG
 * 2.1 AA problem on any page: on the desktop in the light theme and the dark one, on the phone in
 * the light one (support/accessibility.ts). Each page is photographed into test-results/responsive/ for a person
 * to look at.
 *
 * One test per screen, each with its own accounts, class and notebooks (parallel-safe): a guest, an
 * owner who teaches a class, and a student in it. A last test puts two people on one notebook at
 * phone size: their presence chips, and the guest's name popover over the other's.
 */
import { mkdirSync } from "node:fs";
import { expect, test, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from "@playwright/test";
import { expectAccessible } from "./support/accessibility";
import { PASSWORD, signUp } from "./support/accounts";
import { E2E_URL } from "./support/env";
import { createNotebook } from "./support/notebook-page";

interface Screen {
  name: string;
  width: number;
  height: number;
  touch: boolean;
}

const SCREENS: readonly Screen[] = [
  { name: "phone", width: 390, height: 844, touch: true },
  { name: "tablet", width: 768, height: 1024, touch: true },
  { name: "desktop", width: 1280, height: 800, touch: false },
];

const SHOTS = "test-results/responsive";
/** The smallest control a finger can hit reliably (WCAG 2.5.5). */
const TOUCH_TARGET = 44;

const HEADERS = { origin: E2E_URL };

// A control under something else fails its click soon, not at the test's end.
test.use({ actionTimeout: 30_000 });
/** Opening a notebook on a busy machine (its Python starts in every page that opens one). */
const CONNECTED = { timeout: 60_000 };

/** A notebook with a code cell, a markdown cell and a visible check: what a class gets assigned. */
const ASSIGNED = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: [
    { id: "intro", cell_type: "markdown", metadata: {}, source: ["## Doubling\n", "Write `double` so that the check passes."] },
    { id: "work", cell_type: "code", metadata: {}, execution_count: null, outputs: [], source: ["def double(n):\n", "    return n * 2"] },
    { id: "check", cell_type: "code", metadata: { tandem: { check: { hidden: false } } }, execution_count: null, outputs: [], source: ["assert double(21) == 42"] },
    // Enough below for the first cells to scroll away, even on a tablet.
    ...Array.from({ length: 8 }, (_, i) => ({ id: `more-${i}`, cell_type: "code", metadata: {}, execution_count: null, outputs: [], source: [`print(double(${i}))`] })),
  ],
};

async function newContext(browser: Browser, screen: Screen): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: E2E_URL,
    viewport: { width: screen.width, height: screen.height },
    hasTouch: screen.touch,
    isMobile: screen.touch,
  });
}

/** Signs up through the API in this context (its cookies sign the context in). */
async function signUpByApi(context: BrowserContext, name: string): Promise<void> {
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  const response = await context.request.post("/api/auth/sign-up/email", { headers: HEADERS, data: { name, email, password: PASSWORD } });
  expect(response.ok(), await response.text()).toBe(true);
}

async function post<T>(context: BrowserContext, url: string, data: unknown): Promise<T> {
  const response = await context.request.post(url, { headers: HEADERS, data });
  expect(response.ok(), `${url}: ${response.status()} ${await response.text()}`).toBe(true);
  return (response.status() === 204 ? null : await response.json()) as T;
}

/** Editors whose first or last line some other element covers, by cell (their first lines' text). */
function coveredEditors(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const editor of document.querySelectorAll<HTMLElement>(".cm-editor")) {
      const lines = editor.querySelectorAll<HTMLElement>(".cm-line");
      for (const line of [lines[0], lines[lines.length - 1]]) {
        if (!line) continue;
        // In the middle of the screen: the sticky header and bar may cover what scrolls under them.
        line.scrollIntoView({ block: "center", inline: "nearest" });
        const box = line.getBoundingClientRect();
        for (const x of [box.left + 4, box.left + box.width / 2, box.right - 4]) {
          const y = box.top + box.height / 2;
          const hit = document.elementFromPoint(x, y);
          if (hit && !editor.contains(hit)) {
            const cell = editor.closest("[data-cell-id]")?.getAttribute("data-cell-id") ?? "?";
            problems.push(`cell ${cell}, line "${line.textContent?.slice(0, 30)}" at (${Math.round(x)}, ${Math.round(y)}) is under <${hit.tagName.toLowerCase()} class="${hit.getAttribute("class") ?? ""}">`);
            break;
          }
        }
      }
    }
    window.scrollTo(0, 0);
    return problems;
  });
}

/** Controls shorter or narrower than a fingertip (the page's own, not the ones inside code or markdown). */
function smallTargets(page: Page, min: number): Promise<string[]> {
  return page.evaluate((min) => {
    const small: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>("button, select, input:not([type=hidden]), textarea, a.button, .site-header a, [role=button]");
    for (const el of controls) {
      if (el.closest(".cm-editor, .markdown, .visually-hidden")) continue;
      // A radio or checkbox is hit through its label.
      const target = (el instanceof HTMLInputElement && (el.type === "radio" || el.type === "checkbox") ? el.closest("label") : null) ?? el;
      const box = target.getBoundingClientRect();
      const style = getComputedStyle(target);
      if (box.width === 0 || box.height === 0 || style.visibility === "hidden" || Number(style.opacity) === 0) continue;
      if (box.height < min - 0.5 || box.width < min - 0.5) {
        const name = el.getAttribute("aria-label") ?? el.textContent?.trim().slice(0, 30) ?? "";
        small.push(`<${el.tagName.toLowerCase()}> "${name}" ${Math.round(box.width)}x${Math.round(box.height)}`);
      }
    }
    return small;
  }, min);
}

/** Controls a finger can press but nobody can see (shown on hover, which a touch screen lacks). */
function invisibleControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const hidden: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>("button, select, input, a")) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(el).pointerEvents === "none") continue;
      let opacity = 1;
      for (let node: HTMLElement | null = el; node; node = node.parentElement) opacity *= Number(getComputedStyle(node).opacity);
      if (opacity === 0) hidden.push(`<${el.tagName.toLowerCase()}> "${el.getAttribute("aria-label") ?? el.textContent?.trim().slice(0, 30) ?? ""}"`);
    }
    return hidden;
  });
}

/**
 * The checks every page gets: no sideways scrolling, no editor covered (unless a dialog or panel is
 * open over the page on purpose), big enough controls on a touch screen; then a photograph.
 */
async function checkPage(page: Page, screen: Screen, name: string, { overlay = false } = {}): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect.soft(widths.scroll, `${screen.name} ${name}: the page is wider than the screen`).toBeLessThanOrEqual(Math.min(widths.inner, screen.width));
  if (!overlay) expect.soft(await coveredEditors(page), `${screen.name} ${name}: code editors under other elements`).toEqual([]);
  // axe-core on every page: on the desktop in both themes; on a phone, where menus replace rows of
  // buttons and some controls exist only there, in the light theme (colours do not change with width).
  if (screen.name === "desktop") await expectAccessible(page, name);
  if (screen.name === "phone") await expectAccessible(page, `${screen.name} ${name}`, ["light"]);
  if (screen.touch) {
    expect.soft(await smallTargets(page, TOUCH_TARGET), `${screen.name} ${name}: controls too small for a finger`).toEqual([]);
    expect.soft(await invisibleControls(page), `${screen.name} ${name}: invisible controls a finger can press`).toEqual([]);
  }
  await page.screenshot({ path: `${SHOTS}/${screen.name}-${name}.png` });
}

/** The whole box of `locator` is on screen. */
async function expectOnScreen(page: Page, locator: Locator, what: string): Promise<void> {
  const box = await locator.boundingBox();
  const size = page.viewportSize()!;
  expect.soft(box, `${what}: not rendered`).not.toBeNull();
  if (!box) return;
  const inside = box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width + 0.5 && box.y + box.height <= size.height + 0.5;
  expect.soft(inside, `${what}: ${JSON.stringify(box)} is not inside ${size.width}x${size.height}`).toBe(true);
}

/**
 * The site's header: on a narrow screen its links sit behind a menu button, which opens with a
 * tap or from the keyboard (then Tab goes into it); on a wide one there is no such button.
 */
async function openSiteMenu(page: Page, screen: Screen, by: "tap" | "keyboard"): Promise<void> {
  const toggle = page.getByRole("button", { name: "Menu" });
  if (screen.width >= 800) {
    await expect(toggle).toBeHidden();
    return;
  }
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  if (by === "tap") {
    await toggle.tap();
  } else {
    await toggle.focus();
    await page.keyboard.press("Enter");
  }
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expectOnScreen(page, page.locator(".site-menu"), `${screen.name} the site menu`);
  if (by === "keyboard") {
    await page.keyboard.press("Tab");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Lessons" })).toBeFocused();
  }
}

/** Escape closes the menu and gives the focus back to its button. */
async function closeSiteMenu(page: Page, screen: Screen): Promise<void> {
  if (screen.width >= 800) return;
  const toggle = page.getByRole("button", { name: "Menu" });
  await page.keyboard.press("Escape");
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(toggle).toBeFocused();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
}

for (const screen of SCREENS) {
  test(`every page fits a ${screen.name} (${screen.width}x${screen.height})`, async ({ browser }) => {
    test.setTimeout(480_000);
    mkdirSync(SHOTS, { recursive: true });

    // ---- a guest ----
    const guest = await (await newContext(browser, screen)).newPage();
    await guest.goto("/");
    await expect(guest.getByTestId("lesson-list")).toBeVisible();
    await checkPage(guest, screen, "home");
    await openSiteMenu(guest, screen, "keyboard");
    for (const link of ["Sign in", "Sign up"]) await guest.getByRole("link", { name: link }).click({ trial: true });
    await guest.screenshot({ path: `${SHOTS}/${screen.name}-home-menu.png` });
    await closeSiteMenu(guest, screen);

    await guest.getByTestId("lesson-list").getByRole("link").first().click();
    await expect(guest).toHaveURL(/\/n\//);
    await expect(guest.locator(".cell-code .cm-editor").first()).toBeVisible();
    await checkPage(guest, screen, "lesson");

    const guestSlug = await createNotebook(E2E_URL, { title: "A guest's scratchpad" });
    await guest.goto(`/n/${guestSlug}`);
    const ask = guest.getByRole("dialog", { name: "Working together?" });
    await expect(ask).toBeVisible();
    await expectOnScreen(guest, ask, `${screen.name} the guest's name box`);
    await guest.screenshot({ path: `${SHOTS}/${screen.name}-notebook-guest-name.png` });
    await ask.getByLabel("Your name").fill("Gus");
    await ask.getByRole("button", { name: "Join" }).click();
    await expect(ask).toHaveCount(0);
    await expect(guest.getByTestId("connection-status")).toHaveText("Connected", CONNECTED);
    await guest.locator(".cm-content").first().click();
    await guest.keyboard.insertText("print('from a phone')");
    await checkPage(guest, screen, "notebook-guest");

    for (const path of ["/sign-in", "/sign-up"]) {
      await guest.goto(path);
      await expect(guest.getByRole("heading", { level: 1 })).toBeVisible();
      await checkPage(guest, screen, path.slice(1));
    }

    // ---- an owner, who teaches ----
    const ownerContext = await newContext(browser, screen);
    const owner = await ownerContext.newPage();
    await signUp(owner, "Olive Owner");
    const { id: notebookId, slug } = await ownerContext.request
      .post("/api/notebooks/import?name=Doubling.ipynb", { headers: { ...HEADERS, "content-type": "application/x-ipynb+json" }, data: JSON.stringify(ASSIGNED) })
      .then((r) => r.json() as Promise<{ id: string; slug: string }>);
    await post(ownerContext, `/api/notebooks/${notebookId}/versions`, { name: "First draft" });

    await owner.goto(`/n/${slug}`);
    await expect(owner.getByTestId("connection-status")).toHaveText("Connected", CONNECTED);
    // A tap in the code selects its cell: the cell's toolbar shows, and must not cover the code.
    await owner.locator('[data-cell-id="work"] .cm-content').click();
    await expect(owner.locator('[data-cell-id="work"]')).toHaveClass(/is-selected/);
    await checkPage(owner, screen, "notebook-owner");
    await owner.locator('[data-cell-id="work"]').getByRole("button", { name: "Run cell" }).click({ trial: true });
    // Cells the keys select scroll into view below the notebook bar, however many rows it wraps to.
    await owner.keyboard.press("Escape");
    await owner.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await owner.locator('[data-cell-id="more-7"] .cm-content').click();
    await owner.keyboard.press("Escape");
    for (let i = 0; i < 11; i++) await owner.keyboard.press("ArrowUp");
    await expect(owner.locator('[data-cell-id="intro"]')).toHaveClass(/is-selected/);
    const [barBottom, introTop] = await owner.evaluate(() => [
      document.querySelector('[data-testid="notebook-bar"]')!.getBoundingClientRect().bottom,
      document.querySelector('[data-cell-id="intro"]')!.getBoundingClientRect().top,
    ]);
    expect.soft(introTop, `${screen.name}: a cell scrolled into view is under the notebook bar`).toBeGreaterThanOrEqual(barBottom);
    await openSiteMenu(owner, screen, "tap");
    await owner.getByRole("button", { name: "Sign out" }).click({ trial: true });
    await owner.screenshot({ path: `${SHOTS}/${screen.name}-notebook-owner-menu.png` });
    await closeSiteMenu(owner, screen);
    // On a phone, downloads, history, versions and forks wait behind "More".
    const more = owner.getByRole("button", { name: "More", exact: true });
    if (screen.width <= 640) {
      await more.tap();
      await expect(more).toHaveAttribute("aria-expanded", "true");
      await expectOnScreen(owner, owner.locator(".notebook-more"), `${screen.name} the notebook's More panel`);
      for (const name of ["History", "Download .ipynb"]) await owner.getByRole("link", { name }).click({ trial: true });
      for (const name of ["Save version", "Fork"]) await owner.getByRole("button", { name }).click({ trial: true });
      await owner.screenshot({ path: `${SHOTS}/${screen.name}-notebook-more.png` });
      await owner.keyboard.press("Escape");
      await expect(more).toHaveAttribute("aria-expanded", "false");
      await expect(owner.getByRole("link", { name: "History" })).toBeHidden();
    } else {
      await expect(more).toBeHidden();
      await expect(owner.getByRole("link", { name: "History" })).toBeVisible();
    }

    await owner.getByRole("button", { name: "Share", exact: true }).click();
    const share = owner.getByRole("dialog", { name: "Share this notebook" });
    await expect(share.getByRole("combobox").first()).toBeEnabled();
    await expectOnScreen(owner, share, `${screen.name} the Share panel`);
    await checkPage(owner, screen, "share-dialog", { overlay: true });
    await share.getByRole("button", { name: "Done" }).click();

    // Below a desktop's width the notebook bar is one row (undo, run all, stop, Python, people,
    // connection); the rest of its buttons are words in "More tools", Embed among them.
    const bar = await owner.getByTestId("notebook-bar").boundingBox();
    const tools = owner.getByRole("button", { name: "More tools" });
    if (screen.width < 800) {
      expect.soft(bar!.height, `${screen.name}: the notebook bar is one row`).toBeLessThan(TOUCH_TARGET * 1.5);
      await tools.tap();
      await expectOnScreen(owner, owner.locator(".bar-menu"), `${screen.name} the bar's More tools`);
      for (const name of ["Find and replace", "Contents", "Keyboard shortcuts", "Restart Python", "Clear all outputs"]) {
        await owner.getByRole("button", { name, exact: true }).click({ trial: true });
      }
      await owner.screenshot({ path: `${SHOTS}/${screen.name}-notebook-tools.png` });
      await owner.getByRole("button", { name: "Embed", exact: true }).tap();
      await expect(tools).toHaveAttribute("aria-expanded", "false");
    } else {
      await expect(tools).toBeHidden();
      await owner.getByRole("button", { name: "Embed", exact: true }).click();
    }
    const embed = owner.getByTestId("embed-dialog");
    await expect(embed).toBeVisible();
    await expectOnScreen(owner, embed, `${screen.name} the Embed dialog`);
    await checkPage(owner, screen, "embed-dialog", { overlay: true });
    await owner.keyboard.press("Escape");
    await expect(embed).toBeHidden();

    await owner.goto(`/n/${slug}/history`);
    await expect(owner.getByTestId("version")).toHaveCount(1);
    await checkPage(owner, screen, "history");
    await owner.getByRole("link", { name: "First draft" }).click();
    await expect(owner.getByRole("heading", { level: 1 })).toHaveText("First draft");
    await checkPage(owner, screen, "version");

    await owner.goto("/library");
    await expect(owner.getByTestId("library-item").first()).toBeVisible();
    await checkPage(owner, screen, "library");

    const { id: classId } = await post<{ id: string }>(ownerContext, "/api/classes", { name: "Python on phones" });
    const { id: assignmentId } = await post<{ id: string }>(ownerContext, `/api/classes/${classId}/assignments`, {
      notebook: slug,
      title: "Doubling",
      instructions: "Make the check pass, then hand in.",
    });
    await owner.goto(`/classes/${classId}`);
    const joinCode = (await owner.locator(".join-code-value").textContent())!;

    // ---- a student in the class ----
    const studentContext = await newContext(browser, screen);
    await signUpByApi(studentContext, "Sam Student");
    await post(studentContext, "/api/classes/join", { code: joinCode });
    const { slug: copySlug } = await post<{ slug: string }>(studentContext, `/api/assignments/${assignmentId}/open`, {});
    const student = await studentContext.newPage();
    await student.goto(`/n/${copySlug}`);
    await expect(student.getByTestId("connection-status")).toHaveText("Connected", CONNECTED);
    await expect(student.getByTestId("check-panel")).toBeVisible();
    await student.locator('[data-cell-id="work"] .cm-content').click();
    await checkPage(student, screen, "student-copy");
    await student.getByRole("button", { name: "Run checks" }).click({ trial: true });
    await student.getByRole("button", { name: "Hand in" }).click({ trial: true });

    await owner.goto("/classes");
    await checkPage(owner, screen, "classes");
    await owner.goto(`/classes/${classId}`);
    await expect(owner.getByTestId("grid-cell")).toHaveCount(1);
    await checkPage(owner, screen, "class-grid");

    await Promise.all([guest.context().close(), ownerContext.close(), studentContext.close()]);
  });
}

/**
 * joinNotebook (support/notebook-page.ts) on a phone: the name box must be on screen, and the page
 * may take longer to show it while the other person's Python starts on the same machine.
 */
async function joinAsGuest(browser: Browser, url: string, name: string, options: BrowserContextOptions): Promise<Page> {
  const page = await (await browser.newContext(options)).newPage();
  await page.goto(url);
  const dialog = page.getByRole("dialog", { name: "Working together?" });
  await expect(dialog).toBeVisible(CONNECTED);
  await expectOnScreen(page, dialog, `${name}'s name box`);
  await dialog.getByLabel("Your name").fill(name);
  await dialog.getByRole("button", { name: "Join" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId("connection-status")).toHaveText("Connected", CONNECTED);
  return page;
}

test("two people on a phone: presence chips, and the guest's name popover on screen and usable", async ({ browser }) => {
  test.setTimeout(240_000);
  mkdirSync(SHOTS, { recursive: true });
  const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, baseURL: E2E_URL };
  const slug = await createNotebook(E2E_URL, { title: "Two on phones" });
  const ada = await joinAsGuest(browser, `${E2E_URL}/n/${slug}`, "Ada Lovelace-Byron", phone);
  const bob = await joinAsGuest(browser, `${E2E_URL}/n/${slug}`, "Bob", phone);
  for (const page of [ada, bob]) await expect(page.getByTestId("participant")).toHaveCount(2);

  // Each sees both chips, on screen.
  for (const page of [ada, bob]) {
    for (const chip of await page.getByTestId("participant").all()) await expectOnScreen(page, chip, "a presence chip");
  }
  await ada.screenshot({ path: `${SHOTS}/two-phones-ada.png` });

  // Ada renames herself from her chip: the popover opens on screen, in front of everything, and works.
  await ada.getByRole("button", { name: /\(you\)/ }).tap();
  const rename = ada.getByRole("dialog", { name: "Change your name" });
  await expect(rename).toBeVisible();
  await expectOnScreen(ada, rename, "the rename popover");
  for (const control of [rename.getByLabel("Your name"), rename.getByRole("button", { name: "Save" }), rename.getByRole("button", { name: "Cancel" })]) {
    await control.click({ trial: true });
  }
  await ada.screenshot({ path: `${SHOTS}/two-phones-rename.png` });
  await rename.getByLabel("Your name").fill("Ada");
  await rename.getByRole("button", { name: "Save" }).click();
  await expect(rename).toHaveCount(0);
  await expect(bob.getByTestId("participants")).toContainText("Ada");
  const widths = await ada.evaluate(() => document.documentElement.scrollWidth);
  expect(widths).toBeLessThanOrEqual(390);

  await Promise.all([ada.context().close(), bob.context().close()]);
});
