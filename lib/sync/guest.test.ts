import { describe, expect, it } from "vitest";
import { GUEST_ID_KEY, GUEST_NAME_KEY, GUEST_SECRET_KEY, loadGuest, loadGuestKey, presenceUser, saveGuestName } from "./guest";
import { GUEST_KEY_PATTERN } from "../protocol/guest-key";
import { colorForId } from "../protocol/presence";

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

describe("guest identity", () => {
  it("creates a random id once and keeps it; no name until one is picked", () => {
    const storage = memoryStorage();
    const first = loadGuest(storage);
    expect(first.name).toBeNull();
    expect(first.id).toMatch(/^[0-9a-f]{18}$/);
    expect(storage.data.get(GUEST_ID_KEY)).toBe(first.id);
    expect(loadGuest(storage)).toEqual(first);
    expect(first.color).toBe(colorForId(first.id));
  });

  it("remembers a picked name, tidied, and refuses an empty one", () => {
    const storage = memoryStorage();
    const guest = loadGuest(storage);
    expect(saveGuestName(storage, guest, "   ")).toBeNull();
    const named = saveGuestName(storage, guest, "  Ada   L. ")!;
    expect(named.name).toBe("Ada L.");
    expect(storage.data.get(GUEST_NAME_KEY)).toBe("Ada L.");
    expect(loadGuest(storage).name).toBe("Ada L.");
    expect(presenceUser(named, "Guest 7")).toEqual({ name: "Ada L.", color: named.color });
    expect(presenceUser(guest, "Guest 7").name).toBe("Guest 7");
  });

  it("still works when storage throws (private windows)", () => {
    const broken = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("denied");
      },
    };
    const guest = loadGuest(broken);
    expect(guest.name).toBeNull();
    expect(saveGuestName(broken, guest, "Ada")?.name).toBe("Ada");
    expect(loadGuest(null).id).not.toBe("");
  });

  it("keeps one comment key per browser, apart from the id, and replaces a malformed one", () => {
    const storage = memoryStorage({ [GUEST_SECRET_KEY]: "not a key" });
    const key = loadGuestKey(storage);
    expect(key).toMatch(GUEST_KEY_PATTERN);
    expect(key).toHaveLength(43);
    expect(storage.data.get(GUEST_SECRET_KEY)).toBe(key);
    expect(loadGuestKey(storage)).toBe(key);
    expect(key).not.toContain(loadGuest(storage).id);
    expect(loadGuestKey(memoryStorage())).not.toBe(key);
    expect(loadGuestKey(null)).toMatch(GUEST_KEY_PATTERN);
  });
});
