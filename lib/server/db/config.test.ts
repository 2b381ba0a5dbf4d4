import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_DATABASE_URL, dbConfigFromEnv, describeDb, parseDatabaseUrl, redactUrl } from "./config";
import { DatabaseConfigError } from "./errors";
import { pgConnectionConfig } from "./postgres";

const root = "/srv/tandem";

describe("parseDatabaseUrl", () => {
  it("defaults to SQLite at data/tandem.db under the root when unset or blank", () => {
    const expected = { provider: "sqlite", file: "/srv/tandem/data/tandem.db", url: "file:/srv/tandem/data/tandem.db" };
    expect(parseDatabaseUrl(undefined, root)).toEqual(expected);
    expect(parseDatabaseUrl("  ", root)).toEqual(expected);
    expect(dbConfigFromEnv({}, root)).toEqual(expected);
    expect(DEFAULT_DATABASE_URL).toBe("file:./data/tandem.db");
  });

  it("defaults the root to process.cwd()", () => {
    expect(parseDatabaseUrl(undefined)).toMatchObject({ file: path.join(process.cwd(), "data", "tandem.db") });
  });

  it("resolves SQLite paths: relative, absolute and file:// URLs", () => {
    expect(parseDatabaseUrl("file:./x/y.db", root)).toMatchObject({ provider: "sqlite", file: "/srv/tandem/x/y.db" });
    expect(parseDatabaseUrl("file:y.db", root)).toMatchObject({ file: "/srv/tandem/y.db" });
    expect(parseDatabaseUrl("file:../y.db", root)).toMatchObject({ file: "/srv/y.db" });
    expect(parseDatabaseUrl("file:/var/db/t.db", root)).toEqual({ provider: "sqlite", file: "/var/db/t.db", url: "file:/var/db/t.db" });
    expect(parseDatabaseUrl("file:///var/db/t%20x.db", root)).toMatchObject({ file: "/var/db/t x.db" });
  });

  it("refuses SQLite URLs that name no file or carry parameters", () => {
    for (const bad of ["file:", "file::memory:", "file:./data/", "file:./x.db?mode=ro"]) {
      expect(() => parseDatabaseUrl(bad, root), bad).toThrow(DatabaseConfigError);
    }
    expect(() => parseDatabaseUrl("file:./x.db?mode=ro", root)).toThrow(/file:\.\/x\.db\?mode=ro/);
  });

  it("recognises PostgreSQL URLs and their schema", () => {
    expect(parseDatabaseUrl("postgresql://u:p@db.example:5433/tandem", root)).toEqual({
      provider: "postgresql",
      url: "postgresql://u:p@db.example:5433/tandem",
      schema: "public",
    });
    expect(parseDatabaseUrl("postgres://u@h/d?schema=app_1&sslmode=require", root)).toMatchObject({
      provider: "postgresql",
      schema: "app_1",
    });
  });

  it("refuses bad schema names, naming them, with the password masked", () => {
    const attempt = () => parseDatabaseUrl("postgresql://u:hunter2@h/d?schema=drop;table", root);
    expect(attempt).toThrow(DatabaseConfigError);
    expect(attempt).toThrow(/"drop;table"/);
    expect(attempt).not.toThrow(/hunter2/);
  });

  it("refuses other schemes with the offending value, password masked", () => {
    const attempt = () => parseDatabaseUrl("mysql://root:hunter2@localhost/tandem", root);
    expect(attempt).toThrow(DatabaseConfigError);
    expect(attempt).toThrow(/mysql:\/\/root:\*\*\*@localhost\/tandem/);
    expect(attempt).not.toThrow(/hunter2/);
    expect(() => parseDatabaseUrl("./data/tandem.db", root)).toThrow(/not supported/);
    expect(() => parseDatabaseUrl("postgresql://", root)).toThrow(DatabaseConfigError);
  });
});

describe("describeDb / redactUrl", () => {
  it("never shows the password", () => {
    const config = parseDatabaseUrl("postgresql://tandem:s3cr%40t@db.internal/app?schema=t1", root);
    expect(describeDb(config)).toBe("PostgreSQL database tandem@db.internal:5432/app?schema=t1");
    expect(describeDb(parseDatabaseUrl(undefined, root))).toBe("SQLite database /srv/tandem/data/tandem.db");
    expect(redactUrl("postgres://u:p@ss@h/d")).toBe("postgres://u:***@h/d");
    expect(redactUrl("postgres://h/d")).toBe("postgres://h/d");
  });
});

describe("pgConnectionConfig", () => {
  it("turns ?schema= into the session's search_path, keeping other options", () => {
    const config = parseDatabaseUrl("postgresql://u@h/d?schema=t_1&options=-c%20statement_timeout%3D5s", root);
    if (config.provider !== "postgresql") throw new Error("expected postgresql");
    const url = new URL(pgConnectionConfig(config).connectionString!);
    expect(url.searchParams.get("schema")).toBeNull();
    expect(url.searchParams.get("options")).toBe('-c statement_timeout=5s -c search_path="t_1"');
  });
});
