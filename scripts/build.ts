/** `npm run build`: build the app when its sources changed (`-- --force` to build regardless). */
import { buildIfNeeded } from "./build-if-needed";

const built = buildIfNeeded(process.cwd(), { force: process.argv.includes("--force") });
if (!built) console.log("The build is up to date.");
