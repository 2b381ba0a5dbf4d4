/**
 * `npm start`: build if the sources changed, then run the production server in this process (so
 * the PID npm starts is the server, and Ctrl-C / SIGTERM reach it directly).
 */
import { buildIfNeeded } from "./build-if-needed";

buildIfNeeded(process.cwd());
Object.assign(process.env, { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" });
await import("../server");
